//! The shipping estimate, from the price and weight the products service owns.
//!
//! Formula (all amounts in cents):
//! - orders of a product priced at [`FREE_SHIPPING_FROM`] (100.00) or more ship free;
//! - otherwise [`BASE_FEE`] (4.99) plus [`PER_KG`] (1.20) per kilogram, the weight part
//!   rounded up to the next whole cent.
//!
//! So a 2.5 kg product at 39.99 costs 499 + 300 = 799 cents to ship.

pub const FREE_SHIPPING_FROM: i32 = 10_000;
pub const BASE_FEE: i32 = 499;
pub const PER_KG: f64 = 120.0;

/// Why an estimate cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShippingError {
    #[error("price must be a non-negative number of cents, got {0}")]
    NegativePrice(i32),
    #[error("weight must be a finite, non-negative number of kilograms, got {0}")]
    InvalidWeight(f64),
    #[error("weight {0} kg is too heavy to estimate")]
    TooHeavy(f64),
}

/// Shipping cost in cents for one unit priced `price_cents` weighing `weight_kg`.
pub fn estimate(price_cents: i32, weight_kg: f64) -> Result<i32, ShippingError> {
    if price_cents < 0 {
        return Err(ShippingError::NegativePrice(price_cents));
    }
    if !weight_kg.is_finite() || weight_kg < 0.0 {
        return Err(ShippingError::InvalidWeight(weight_kg));
    }
    if price_cents >= FREE_SHIPPING_FROM {
        return Ok(0);
    }
    let weight_part = (weight_kg * PER_KG).ceil();
    if weight_part > f64::from(i32::MAX - BASE_FEE) {
        return Err(ShippingError::TooHeavy(weight_kg));
    }
    Ok(BASE_FEE + weight_part as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_from_one_hundred() {
        assert_eq!(estimate(10_000, 30.0), Ok(0));
        assert_eq!(estimate(250_000, 0.1), Ok(0));
    }

    #[test]
    fn base_plus_weight_below_one_hundred() {
        assert_eq!(estimate(9_999, 0.0), Ok(499));
        assert_eq!(estimate(3_999, 2.5), Ok(799));
        // 0.01 kg costs 1.2 cents, rounded up to 2.
        assert_eq!(estimate(100, 0.01), Ok(501));
    }

    #[test]
    fn rejects_nonsense() {
        assert_eq!(estimate(-1, 1.0), Err(ShippingError::NegativePrice(-1)));
        assert!(matches!(
            estimate(100, -0.5),
            Err(ShippingError::InvalidWeight(_))
        ));
        assert!(matches!(
            estimate(100, f64::NAN),
            Err(ShippingError::InvalidWeight(_))
        ));
        assert!(matches!(
            estimate(100, 1e12),
            Err(ShippingError::TooHeavy(_))
        ));
    }
}
