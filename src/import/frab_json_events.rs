//! The second pass over a schedule.json: every event of `schedule.conference.days[].rooms`,
//! read as a JSON value one at a time and handed on, so that a schedule's events are never
//! all held as JSON values (an empty JSON object costs hundreds of bytes as a value).
//!
//! The first pass (in `frab_json`) has checked the shape of the file and read the zone and
//! the days, which the events need and which a JSON object may give after them.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// What receives each event: the index of its day, its room's name, and the event.
pub type Sink<'a> = dyn FnMut(usize, &str, &Value) + 'a;

/// Walks `text` and hands every event to `sink`, in the file's order.
pub fn each_event(text: &str, sink: &mut Sink<'_>) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Path {
        keys: &["schedule", "conference", "days"],
        sink,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()
}

/// An object on the way to `days`: only the key `keys[0]` is followed, the others skipped.
struct Path<'s, 'a> {
    keys: &'static [&'static str],
    sink: &'s mut Sink<'a>,
}

impl<'de> DeserializeSeed<'de> for Path<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.keys {
            [] => deserializer.deserialize_seq(Days { sink: self.sink }),
            _ => deserializer.deserialize_any(self),
        }
    }
}

impl<'de> Visitor<'de> for Path<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with `{}`", self.keys.first().unwrap_or(&""))
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (key, rest) = self.keys.split_first().unwrap_or((&"", &[]));
        while let Some(name) = map.next_key::<String>()? {
            if name == *key {
                map.next_value_seed(Path {
                    keys: rest,
                    sink: self.sink,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Days<'s, 'a> {
    sink: &'s mut Sink<'a>,
}

impl<'de> Visitor<'de> for Days<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of days")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(Day {
                index,
                sink: self.sink,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }
}

struct Day<'s, 'a> {
    index: usize,
    sink: &'s mut Sink<'a>,
}

impl<'de> DeserializeSeed<'de> for Day<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Day<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a day: an object with `date` and `rooms`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<String>()? {
            if name == "rooms" {
                map.next_value_seed(Rooms {
                    day: self.index,
                    sink: self.sink,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Rooms<'s, 'a> {
    day: usize,
    sink: &'s mut Sink<'a>,
}

impl<'de> DeserializeSeed<'de> for Rooms<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Rooms<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object from room names to lists of events")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(room) = map.next_key::<String>()? {
            map.next_value_seed(Events {
                day: self.day,
                room: &room,
                sink: self.sink,
            })?;
        }
        Ok(())
    }
}

struct Events<'r, 's, 'a> {
    day: usize,
    room: &'r str,
    sink: &'s mut Sink<'a>,
}

impl<'de> DeserializeSeed<'de> for Events<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(event) = seq.next_element::<Value>()? {
            (self.sink)(self.day, self.room, &event);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_one_by_one_in_order() {
        let text = r#"{"version": 1, "schedule": {"conference": {"title": "x", "days": [
            {"rooms": {"A": [{"id": 1}, {"id": 2}], "B": [], "A": [{"id": 3}]}, "date": "d"},
            {"date": "e", "rooms": {"C": [7]}}
        ], "acronym": "y"}}}"#;
        let mut seen = Vec::new();
        each_event(text, &mut |day, room, event| {
            seen.push((day, room.to_owned(), event.to_string()));
        })
        .expect("reads");
        let expected = [
            (0, "A", r#"{"id":1}"#),
            (0, "A", r#"{"id":2}"#),
            (0, "A", r#"{"id":3}"#),
            (1, "C", "7"),
        ];
        let seen: Vec<(usize, &str, &str)> = seen
            .iter()
            .map(|(d, r, e)| (*d, r.as_str(), e.as_str()))
            .collect();
        assert_eq!(seen, expected);
    }
}
