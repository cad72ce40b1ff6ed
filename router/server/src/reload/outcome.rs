//! What one poll of a supergraph source found.

use supergraph::Supergraph;

/// What polling a supergraph source found.
#[derive(Debug)]
pub(super) enum Outcome {
    /// Nothing new (or, composing, some subgraph never answered yet).
    Unchanged,
    /// A new supergraph; the SHA-256 of its SDL identifies it.
    New {
        supergraph: Box<Supergraph>,
        hash: String,
    },
    /// Something new that does not load or compose; the errors are logged.
    Rejected,
}
