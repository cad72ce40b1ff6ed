//! Reading and writing reviews.

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Order, Query, WindowStatement},
};

use super::new_review::NewReview;
use crate::entity::review;

/// Whose reviews a per-parent list belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Parent {
    Product,
    User,
}

impl Parent {
    fn column(self) -> review::Column {
        match self {
            Parent::Product => review::Column::ProductId,
            Parent::User => review::Column::UserId,
        }
    }

    pub fn id_of(self, review: &review::Model) -> i64 {
        match self {
            Parent::Product => review.product_id,
            Parent::User => review.user_id,
        }
    }
}

/// Review count and rating sum for one product (the average is computed by the caller, so
/// both databases return plain integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RatingStats {
    pub count: i64,
    pub rating_sum: i64,
}

impl RatingStats {
    pub fn average(self) -> Option<f64> {
        (self.count > 0).then(|| self.rating_sum as f64 / self.count as f64)
    }
}

const COLUMNS: [review::Column; 7] = [
    review::Column::Id,
    review::Column::ProductId,
    review::Column::UserId,
    review::Column::AuthorUsername,
    review::Column::Rating,
    review::Column::Body,
    review::Column::CreatedAt,
];

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    review::Entity::find().count(db).await
}

/// The reviews with these ids, in one `SELECT ... WHERE id IN (...)`.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<review::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    review::Entity::find()
        .filter(review::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The newest reviews overall.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<review::Model>, DbErr> {
    review::Entity::find()
        .order_by_desc(review::Column::CreatedAt)
        .order_by_desc(review::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Up to `per_parent` newest reviews of each parent, for all parents in ONE statement:
/// `ROW_NUMBER() OVER (PARTITION BY parent ORDER BY created_at DESC, id DESC)` ranks each
/// parent's reviews and the outer query keeps the first `per_parent` of each (window functions
/// work the same on SQLite ≥ 3.25 and PostgreSQL). Ordered by parent, then newest first.
pub async fn latest_per_parent(
    db: &impl ConnectionTrait,
    parent: Parent,
    parent_ids: &[i64],
    per_parent: u64,
) -> Result<Vec<review::Model>, DbErr> {
    if parent_ids.is_empty() || per_parent == 0 {
        return Ok(Vec::new());
    }
    let position = Alias::new("position");
    let mut window = WindowStatement::partition_by(parent.column());
    window
        .order_by(review::Column::CreatedAt, Order::Desc)
        .order_by(review::Column::Id, Order::Desc);
    let ranked = Query::select()
        .columns(COLUMNS)
        .expr_window_as(Expr::cust("ROW_NUMBER()"), window, position.clone())
        .from(review::Entity)
        .and_where(Expr::col(parent.column()).is_in(parent_ids.iter().copied()))
        .to_owned();
    let query = Query::select()
        .columns(COLUMNS)
        .from_subquery(ranked, Alias::new("ranked"))
        .and_where(Expr::col(position.clone()).lte(per_parent as i64))
        .order_by(parent.column(), Order::Asc)
        .order_by(position, Order::Asc)
        .to_owned();
    let statement = db.get_database_backend().build(&query);
    review::Entity::find().from_raw_sql(statement).all(db).await
}

/// Count and rating sum per product, in one aggregate statement; products without reviews
/// are absent.
pub async fn rating_stats(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<Vec<(i64, RatingStats)>, DbErr> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64, i64)> = review::Entity::find()
        .select_only()
        .column(review::Column::ProductId)
        .column_as(Expr::col(review::Column::Id).count(), "review_count")
        .column_as(Expr::col(review::Column::Rating).sum(), "rating_sum")
        .filter(review::Column::ProductId.is_in(product_ids.iter().copied()))
        .group_by(review::Column::ProductId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(product_id, count, rating_sum)| (product_id, RatingStats { count, rating_sum }))
        .collect())
}

/// Stores a validated review and returns it as stored.
pub async fn insert(db: &impl ConnectionTrait, new: NewReview) -> Result<review::Model, DbErr> {
    review::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        product_id: Set(new.product_id),
        user_id: Set(new.user_id),
        author_username: Set(new.author_username),
        rating: Set(new.rating),
        body: Set(new.body),
        created_at: Set(new.created_at),
    }
    .insert(db)
    .await
}
