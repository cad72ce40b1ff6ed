//! Planner errors.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("cannot plan field {coordinate}: no subgraph resolves it{reason}")]
    NoSubgraphResolves { coordinate: String, reason: String },

    #[error(
        "cannot plan field {coordinate} at path \"{path}\": subgraph \"{from}\" does not resolve it, and no subgraph that does ({candidates}) has a resolvable key whose fields \"{from}\" can provide"
    )]
    Unreachable {
        coordinate: String,
        path: String,
        from: String,
        candidates: String,
    },

    #[error(
        "cannot plan field {coordinate} at path \"{path}\": subgraph \"{from}\" does not resolve it, and {type_name} has no key to reach the subgraphs that do ({candidates}) from there"
    )]
    NoKey {
        coordinate: String,
        path: String,
        from: String,
        type_name: String,
        candidates: String,
    },

    #[error(
        "cannot plan fragment on {member} at path \"{path}\": subgraph \"{from}\" does not know {member} as a member of {abstract_type}, and no subgraph that does can be reached from there"
    )]
    MemberElsewhere {
        member: String,
        abstract_type: String,
        path: String,
        from: String,
    },

    #[error(
        "unknown field {coordinate} (is the operation validated against this supergraph's API schema?)"
    )]
    UnknownField { coordinate: String },

    #[error("unknown type {0} (is the operation validated against this supergraph's API schema?)")]
    UnknownType(String),

    #[error(
        "the operation is not normalized: fragment spread `...{0}` (inline fragments expected)"
    )]
    FragmentSpread(String),

    #[error("{0}")]
    OperationNotFound(String),

    #[error("the supergraph has no {0} root type")]
    NoRootType(&'static str),

    #[error(
        "planning gave up after {limit} steps: the operation can be split over this supergraph's subgraphs in too many ways (ask for fewer shareable fields at once)"
    )]
    TooComplex { limit: usize },
}

impl PlanError {
    /// An error no other choice of subgraph can avoid: the search stops instead of backing out.
    pub(crate) fn is_fatal(&self) -> bool {
        matches!(
            self,
            PlanError::TooComplex { .. }
                | PlanError::FragmentSpread(_)
                | PlanError::UnknownField { .. }
                | PlanError::UnknownType(_)
        )
    }
}
