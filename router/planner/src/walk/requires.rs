//! `@requires`: the required fields are fetched first, wherever they live, and the entity
//! fetch that needs them waits for the groups they landed in.

use std::collections::BTreeSet;

use apollo_compiler::Name;
use apollo_compiler::executable::SelectionSet;

use super::{Ctx, Walker};
use crate::error::PlanError;

impl<'a> Walker<'a> {
    /// Plans `requires` (a field set on `parent`) from `group` as internal fields; returns the
    /// groups it touched, which the fetch of the requiring field must wait for.
    pub(super) fn plan_requires(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        requires: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<BTreeSet<usize>, PlanError> {
        let saved = std::mem::take(&mut self.touched);
        let requires_ctx = Ctx {
            for_key: false,
            internal: true,
            ..ctx.clone()
        };
        self.plan_set(group, cursor, parent, requires, &requires_ctx)?;
        let touched = std::mem::replace(&mut self.touched, saved);
        self.touched.extend(touched.iter().copied());
        Ok(touched)
    }
}
