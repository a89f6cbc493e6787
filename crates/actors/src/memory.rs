//! What a document has said so far: the people it named, the countries it is about.

use crate::Actor;
use dyad_dict::PersonId;
use std::collections::HashMap;

/// Per-document memory for resolving surnames, "the two sides" and pronouns.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    /// People named in full so far, by surname.
    people: HashMap<String, (PersonId, Actor)>,
    /// How often each country has been named, and when first.
    countries: HashMap<String, (usize, usize)>,
    /// Every actor named so far, in order.
    recent: Vec<Actor>,
    /// The last person named.
    last_person: Option<Actor>,
    /// The last group named ("China and South Korea").
    last_group: Option<Vec<Actor>>,
}

impl Memory {
    /// Forget everything: a new document.
    pub fn clear(&mut self) {
        *self = Memory::default();
    }

    /// Remember an actor named in the text.
    pub(crate) fn note(&mut self, actor: &Actor, person: Option<(PersonId, &str)>) {
        let country = actor.code.country().to_string();
        let order = self.countries.len();
        let e = self.countries.entry(country).or_insert((0, order));
        e.0 += 1;
        if let Some((id, surname)) = person {
            self.people
                .insert(surname.to_lowercase(), (id, actor.clone()));
            self.last_person = Some(actor.clone());
        }
        self.recent.push(actor.clone());
    }

    pub(crate) fn note_group(&mut self, group: &[Actor]) {
        if group.len() >= 2 {
            self.last_group = Some(group.to_vec());
        }
    }

    /// The person named before whose surname this is.
    pub(crate) fn person_by_surname(&self, surname: &str) -> Option<&(PersonId, Actor)> {
        self.people.get(&surname.to_lowercase())
    }

    /// The last person named.
    pub(crate) fn last_person(&self) -> Option<&Actor> {
        self.last_person.as_ref()
    }

    /// The last actor with this role, if any.
    pub(crate) fn last_with_role(&self, role: &str) -> Option<&Actor> {
        self.recent
            .iter()
            .rev()
            .find(|a| a.code.role() == Some(role))
    }

    /// The last actor that is a country or organisation.
    pub(crate) fn last_actor(&self) -> Option<&Actor> {
        self.recent.last()
    }

    /// The two countries the document is most about: the most named, earlier first on ties.
    pub(crate) fn main_pair(&self) -> Option<[String; 2]> {
        let mut v: Vec<_> = self
            .countries
            .iter()
            .filter(|(c, _)| c.as_str() != "IGO" && c.as_str() != "NGO")
            .map(|(c, &(n, first))| (n, first, c.clone()))
            .collect();
        if v.len() < 2 {
            return None;
        }
        v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut two = [v[0].2.clone(), v[1].2.clone()];
        // Keep the order in which the document introduced them.
        if v[0].1 > v[1].1 {
            two.swap(0, 1);
        }
        Some(two)
    }

    /// The last group named, or the document's main pair.
    pub(crate) fn last_group(&self) -> Option<&Vec<Actor>> {
        self.last_group.as_ref()
    }

    /// The most specific actor of `country` with `role` named so far.
    pub(crate) fn actor_of(&self, country: &str, role: Option<&str>) -> Option<&Actor> {
        self.recent
            .iter()
            .rev()
            .find(|a| a.code.country() == country && (role.is_none() || a.code.role() == role))
    }
}
