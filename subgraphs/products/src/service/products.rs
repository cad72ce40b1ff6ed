//! Reading and writing product rows.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
    sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr},
};

use crate::entity::product::{self, Category, Entity as Products};

/// The products among `ids` that exist, by id (one statement).
pub async fn find_by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, product::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = Products::find()
        .filter(product::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.id, row)).collect())
}

/// The products among `skus` that exist, by SKU (one statement).
pub async fn find_by_skus(
    db: &impl ConnectionTrait,
    skus: &[String],
) -> Result<HashMap<String, product::Model>, DbErr> {
    if skus.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = Products::find()
        .filter(product::Column::Sku.is_in(skus.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.sku.clone(), row)).collect())
}

fn in_category(category: Option<Category>) -> Select<Products> {
    let query = Products::find();
    match category {
        Some(category) => query.filter(product::Column::Category.eq(category)),
        None => query,
    }
}

/// Up to `limit` products with an id greater than `after`, in id order, optionally of one
/// category.
pub async fn page(
    db: &impl ConnectionTrait,
    category: Option<Category>,
    after: Option<i64>,
    limit: u64,
) -> Result<Vec<product::Model>, DbErr> {
    let mut query = in_category(category)
        .order_by_asc(product::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(product::Column::Id.gt(after));
    }
    query.all(db).await
}

/// How many products exist, optionally in one category.
pub async fn count(db: &impl ConnectionTrait, category: Option<Category>) -> Result<u64, DbErr> {
    in_category(category).count(db).await
}

/// The `limit` most popular products (ties by id).
pub async fn most_popular(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<product::Model>, DbErr> {
    Products::find()
        .order_by_desc(product::Column::Popularity)
        .order_by_asc(product::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Products whose name or description contains `text`, ignoring case, most popular first.
///
/// `LOWER(column) LIKE lower(pattern)` behaves the same on SQLite (whose LIKE ignores ASCII
/// case) and PostgreSQL (whose LIKE does not, and whose ILIKE SQLite lacks).
pub async fn search(
    db: &impl ConnectionTrait,
    text: &str,
    limit: u64,
) -> Result<Vec<product::Model>, DbErr> {
    let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
    let contains = |column: product::Column| {
        Expr::expr(Func::lower(Expr::col((Products, column))))
            .like(LikeExpr::new(pattern.clone()).escape('\\'))
    };
    Products::find()
        .filter(
            Condition::any()
                .add(contains(product::Column::Name))
                .add(contains(product::Column::Description)),
        )
        .order_by_desc(product::Column::Popularity)
        .order_by_asc(product::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// `%`, `_` and the escape character itself match literally.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// How many products each of `categories` holds (one statement; empty categories are absent).
pub async fn count_by_category(
    db: &impl ConnectionTrait,
    categories: &[Category],
) -> Result<HashMap<Category, u64>, DbErr> {
    if categories.is_empty() {
        return Ok(HashMap::new());
    }
    let counts: Vec<(Category, i64)> = Products::find()
        .select_only()
        .column(product::Column::Category)
        .column_as(product::Column::Id.count(), "count")
        .filter(product::Column::Category.is_in(categories.iter().copied()))
        .group_by(product::Column::Category)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts
        .into_iter()
        .map(|(category, count)| (category, u64::try_from(count).unwrap_or_default()))
        .collect())
}

/// Inserts rows as they are (ids included); used by the seed.
pub async fn insert_many(
    db: &impl ConnectionTrait,
    rows: Vec<product::Model>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let models = rows.into_iter().map(product::ActiveModel::from);
    Products::insert_many(models)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
        assert_eq!(escape_like("oak"), "oak");
    }
}
