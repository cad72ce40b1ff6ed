//! Deterministic seed catalogue: products `1..=size.products` with realistic names
//! ("<adjective> <material> <noun>"), prices spread from a few dollars to a few thousand
//! (many on each side of 100.00), weights from grams to tens of kilograms (inventory's
//! shipping estimate depends on both), dimensions, a stock flag and a popularity score.
//!
//! Only integer arithmetic picks the values (weights and sizes are whole grams and
//! millimetres), so every platform seeds the same catalogue.

use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};
use subgraph_kit::seed::{SeedRng, SeedSize};

use crate::{
    entity::product::{self, Category},
    service,
};

const SEED: u64 = 0x5EED_0002;
// 13 columns a row: 1,000 rows stay well under SQLite's and PostgreSQL's parameter limits.
const BATCH: usize = 1_000;

const ADJECTIVES: &[&str] = &[
    "Classic",
    "Modern",
    "Rustic",
    "Compact",
    "Durable",
    "Elegant",
    "Handcrafted",
    "Lightweight",
    "Premium",
    "Sleek",
    "Vintage",
    "Everyday",
    "Deluxe",
    "Minimalist",
    "Sturdy",
    "Cozy",
    "Portable",
    "Refined",
    "Essential",
    "Bold",
];

/// What each category sells: the materials (or kinds) and the nouns its names combine, what it
/// is for, and its price (cents) and weight (grams) tiers.
struct Catalogue {
    category: Category,
    materials: &'static [&'static str],
    nouns: &'static [&'static str],
    uses: &'static [&'static str],
    price_tiers: &'static [(i64, i64)],
    weight_tiers: &'static [(i64, i64)],
}

const CATALOGUE: &[Catalogue] = &[
    Catalogue {
        category: Category::Books,
        materials: &[
            "Leather",
            "Linen",
            "Paperback",
            "Hardcover",
            "Recycled-Paper",
            "Cloth",
        ],
        nouns: &[
            "Journal",
            "Notebook",
            "Cookbook",
            "Atlas",
            "Novel",
            "Sketchbook",
            "Planner",
            "Field Guide",
        ],
        uses: &[
            "long evenings of reading",
            "daily notes",
            "travel planning",
            "gifting",
        ],
        price_tiers: &[(500, 2_999), (3_000, 8_999), (9_000, 24_999)],
        weight_tiers: &[(150, 600), (600, 1_500), (1_500, 3_000)],
    },
    Catalogue {
        category: Category::Electronics,
        materials: &[
            "Aluminum",
            "Carbon",
            "Glass",
            "Titanium",
            "Matte-Black",
            "Steel",
        ],
        nouns: &[
            "Headphones",
            "Speaker",
            "Charger",
            "Keyboard",
            "Mouse",
            "Monitor",
            "Camera",
            "Smartwatch",
        ],
        uses: &[
            "the home office",
            "music on the go",
            "gaming",
            "content creators",
        ],
        price_tiers: &[(1_500, 9_999), (10_000, 49_999), (50_000, 249_999)],
        weight_tiers: &[(50, 500), (500, 3_000), (3_000, 12_000)],
    },
    Catalogue {
        category: Category::Home,
        materials: &[
            "Oak", "Ceramic", "Cotton", "Wool", "Marble", "Bamboo", "Walnut", "Linen",
        ],
        nouns: &[
            "Chair", "Table", "Vase", "Lamp", "Mug", "Bowl", "Rug", "Blanket", "Clock", "Shelf",
        ],
        uses: &[
            "the living room",
            "small apartments",
            "the kitchen",
            "quiet mornings",
        ],
        price_tiers: &[(800, 4_999), (5_000, 19_999), (20_000, 129_999)],
        weight_tiers: &[(200, 2_000), (2_000, 10_000), (10_000, 40_000)],
    },
    Catalogue {
        category: Category::Garden,
        materials: &["Terracotta", "Steel", "Cedar", "Teak", "Rubber", "Copper"],
        nouns: &[
            "Planter",
            "Shovel",
            "Hose",
            "Bench",
            "Rake",
            "Watering Can",
            "Birdhouse",
            "Trellis",
        ],
        uses: &[
            "balcony gardens",
            "weekend gardeners",
            "raised beds",
            "the patio",
        ],
        price_tiers: &[(500, 2_999), (3_000, 14_999), (15_000, 59_999)],
        weight_tiers: &[(300, 3_000), (3_000, 15_000), (15_000, 35_000)],
    },
    Catalogue {
        category: Category::Toys,
        materials: &["Wooden", "Plush", "Felt", "Tin", "Foam", "Magnetic"],
        nouns: &[
            "Robot",
            "Puzzle",
            "Train Set",
            "Kite",
            "Doll",
            "Yo-Yo",
            "Building Blocks",
            "Drum",
        ],
        uses: &[
            "curious toddlers",
            "family game night",
            "rainy afternoons",
            "young builders",
        ],
        price_tiers: &[(500, 2_499), (2_500, 7_999), (8_000, 19_999)],
        weight_tiers: &[(50, 500), (500, 2_000), (2_000, 6_000)],
    },
    Catalogue {
        category: Category::Sports,
        materials: &["Rubber", "Nylon", "Steel", "Leather", "Neoprene", "Carbon"],
        nouns: &[
            "Ball",
            "Racket",
            "Helmet",
            "Water Bottle",
            "Yoga Mat",
            "Dumbbell",
            "Duffel Bag",
            "Glove",
        ],
        uses: &["morning runs", "the gym", "team practice", "trail days"],
        price_tiers: &[(800, 3_999), (4_000, 14_999), (15_000, 79_999)],
        weight_tiers: &[(100, 1_000), (1_000, 5_000), (5_000, 25_000)],
    },
    Catalogue {
        category: Category::Clothing,
        materials: &[
            "Cotton", "Wool", "Linen", "Silk", "Denim", "Cashmere", "Fleece",
        ],
        nouns: &[
            "Shirt", "Jacket", "Scarf", "Hat", "Socks", "Sweater", "Trousers", "Gloves",
        ],
        uses: &[
            "cool evenings",
            "the office",
            "weekend trips",
            "layering in winter",
        ],
        price_tiers: &[(1_000, 4_999), (5_000, 14_999), (15_000, 49_999)],
        weight_tiers: &[(80, 400), (400, 1_200), (1_200, 2_500)],
    },
    Catalogue {
        category: Category::Grocery,
        materials: &[
            "Organic",
            "Arabica",
            "Wildflower",
            "Dark",
            "Smoked",
            "Roasted",
            "Whole-Grain",
        ],
        nouns: &[
            "Coffee",
            "Tea",
            "Honey",
            "Pasta",
            "Olive Oil",
            "Chocolate",
            "Granola",
            "Jam",
        ],
        uses: &[
            "slow breakfasts",
            "the pantry",
            "home cooks",
            "gift baskets",
        ],
        price_tiers: &[(200, 999), (1_000, 2_999), (3_000, 11_999)],
        weight_tiers: &[(100, 500), (500, 2_000), (2_000, 6_000)],
    },
];

/// The SKU of product `id`: `SKU-` and the number on (at least) six digits.
pub fn sku(id: i64) -> String {
    format!("SKU-{id:06}")
}

/// The seeded product `id`, drawing from `rng` (the same on every run for the same sequence).
pub fn product(id: i64, rng: &mut SeedRng) -> product::Model {
    let entry = rng.pick(CATALOGUE);
    let adjective = *rng.pick(ADJECTIVES);
    let material = *rng.pick(entry.materials);
    let noun = *rng.pick(entry.nouns);
    let purpose = *rng.pick(entry.uses);
    // A tier first, then a value inside it: as many cheap as mid-range and expensive items.
    let (low, high) = *rng.pick(entry.price_tiers);
    let price_cents = rng.range(low / 100, high / 100) * 100 + 99;
    let (low, high) = *rng.pick(entry.weight_tiers);
    let grams = rng.range(low, high);
    let name = format!("{adjective} {material} {noun}");
    let description = format!(
        "{name}: a {} {} made for {purpose}. {} finish, {} quality.",
        adjective.to_lowercase(),
        noun.to_lowercase(),
        material,
        if price_cents >= 10_000 {
            "premium"
        } else {
            "everyday"
        },
    );
    // Bigger for heavier goods, in whole millimetres.
    let base_mm = 50 + grams.min(40_000) / 40;
    let mm = |rng: &mut SeedRng| base_mm / 2 + rng.range(0, base_mm);
    let (width, height, depth) = (mm(rng), mm(rng), mm(rng));
    // Popularity is skewed: a few best sellers, a long tail.
    let popularity = rng.range(0, 1_000) * rng.range(0, 1_000) / 1_000;
    let in_stock = rng.range(0, 99) < 85;
    product::Model {
        id,
        sku: sku(id),
        name,
        description,
        price_cents: i32::try_from(price_cents).unwrap_or(i32::MAX),
        weight_kg: grams as f64 / 1_000.0,
        category: entry.category,
        width_cm: width as f64 / 10.0,
        height_cm: height as f64 / 10.0,
        depth_cm: depth as f64 / 10.0,
        in_stock,
        popularity: i32::try_from(popularity).unwrap_or_default(),
    }
}

/// The seed catalogue: products `1..=count`, generated lazily in id order.
pub fn catalogue(count: u32) -> impl Iterator<Item = product::Model> {
    let mut rng = SeedRng::new(SEED);
    (1..=i64::from(count)).map(move |id| product(id, &mut rng))
}

/// Inserts the seed catalogue unless the table already has rows; returns how many were inserted.
pub async fn seed<C>(db: &C, size: SeedSize) -> Result<u64, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    if service::products::count(db, None).await? > 0 {
        return Ok(0);
    }
    let mut rows = catalogue(size.products);
    let txn = db.begin().await?;
    loop {
        let batch: Vec<product::Model> = rows.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        service::products::insert_many(&txn, batch).await?;
    }
    txn.commit().await?;
    Ok(u64::from(size.products))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_deterministic() {
        assert!(catalogue(200).eq(catalogue(200)));
        assert_eq!(sku(42), "SKU-000042");
    }

    #[test]
    fn prices_and_weights_are_spread_out() {
        let products: Vec<_> = catalogue(2_000).collect();
        let cheap = products.iter().filter(|p| p.price_cents < 10_000).count();
        let dear = products.len() - cheap;
        assert!(
            cheap > 500 && dear > 500,
            "{cheap} below 100.00, {dear} above"
        );
        assert!(products.iter().any(|p| p.weight_kg < 0.5));
        assert!(products.iter().any(|p| p.weight_kg > 20.0));
        for category in Category::ALL {
            assert!(
                products.iter().any(|p| p.category == category),
                "{category:?}"
            );
        }
        for p in &products {
            assert!(p.name.split(' ').count() >= 3, "{}", p.name);
            assert!(p.price_cents > 0 && p.weight_kg > 0.0 && p.width_cm > 0.0);
        }
    }
}
