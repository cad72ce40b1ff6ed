//! How much seed data the services create, shared so that ids line up across services
//! (reviews point at users 1..=users and products 1..=products, carts at users, and so on).

/// Row counts for the seed data; every service seeds deterministically from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedSize {
    pub users: u32,
    pub products: u32,
    pub reviews: u32,
    /// Users who start with a non-empty cart.
    pub carts: u32,
}

impl SeedSize {
    pub const DEFAULT: SeedSize = SeedSize {
        users: 1_000,
        products: 10_000,
        reviews: 50_000,
        carts: 200,
    };

    /// A tiny data set for tests: fast to seed, still spans every relation.
    pub const TEST: SeedSize = SeedSize {
        users: 20,
        products: 50,
        reviews: 200,
        carts: 5,
    };

    /// The default size multiplied by `factor` (each count at least 1).
    pub fn scaled(factor: f64) -> SeedSize {
        let scale = |n: u32| ((f64::from(n) * factor).round() as u32).max(1);
        SeedSize {
            users: scale(Self::DEFAULT.users),
            products: scale(Self::DEFAULT.products),
            reviews: scale(Self::DEFAULT.reviews),
            carts: scale(Self::DEFAULT.carts),
        }
    }
}

impl Default for SeedSize {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A small deterministic pseudo-random sequence (SplitMix64) so seeds are the same everywhere
/// without pulling in a random-number crate.
#[derive(Debug, Clone)]
pub struct SeedRng(u64);

impl SeedRng {
    pub fn new(seed: u64) -> Self {
        SeedRng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        debug_assert!(low <= high);
        let span = (high - low) as u64 + 1;
        low + (self.next_u64() % span) as i64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_keeps_every_count_positive() {
        let tiny = SeedSize::scaled(0.0001);
        assert_eq!(tiny.users, 1);
        assert_eq!(SeedSize::scaled(1.0), SeedSize::DEFAULT);
        assert_eq!(SeedSize::scaled(0.5).reviews, 25_000);
    }

    #[test]
    fn rng_is_deterministic_and_in_range() {
        let mut a = SeedRng::new(7);
        let mut b = SeedRng::new(7);
        for _ in 0..1000 {
            let x = a.range(1, 5);
            assert_eq!(x, b.range(1, 5));
            assert!((1..=5).contains(&x));
        }
    }
}

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "Edsger",
    "Radia",
    "Donald",
    "Hedy",
    "Tim",
    "Katherine",
    "John",
    "Sophie",
    "Guido",
    "Annie",
    "Bjarne",
    "Joan",
    "Niklaus",
    "Karen",
    "Leslie",
    "Mary",
    "Robin",
    "Shafi",
    "Tony",
    "Jean",
    "Yukihiro",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Knuth",
    "Lamarr",
    "Berners-Lee",
    "Johnson",
    "McCarthy",
    "Wilson",
    "van Rossum",
    "Easley",
    "Stroustrup",
    "Clarke",
    "Wirth",
    "Jones",
    "Lamport",
    "Keller",
    "Milner",
    "Goldwasser",
    "Hoare",
    "Bartik",
    "Matsumoto",
];

/// The seeded user `id`'s display name. Shared because reviews stores author usernames
/// (to serve `@provides(fields: "username")`) and must agree with the users service.
pub fn person_name(user_id: i64) -> String {
    let i = user_id.unsigned_abs() as usize;
    format!(
        "{} {}",
        FIRST_NAMES[i % FIRST_NAMES.len()],
        LAST_NAMES[(i / FIRST_NAMES.len() + i) % LAST_NAMES.len()]
    )
}

/// The seeded user `id`'s username: unique, lower-case, stable.
pub fn username(user_id: i64) -> String {
    let name = person_name(user_id).to_lowercase().replace([' ', '-'], ".");
    format!("{name}{user_id}")
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn usernames_are_unique_and_stable() {
        let names: std::collections::HashSet<_> = (1..=5000).map(username).collect();
        assert_eq!(names.len(), 5000);
        assert_eq!(username(1), username(1));
        assert!(username(1).ends_with('1'));
    }
}
