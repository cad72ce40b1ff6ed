//! Walks the normalized operation over the query graph and fills the fetch-dependency graph:
//! each selection lands in the group of a subgraph that resolves it, jumping between subgraphs
//! through entity keys, fetching `@requires` fields first and using `@provides` where given.

use std::collections::{BTreeSet, HashSet};

use apollo_compiler::ast::{DirectiveList, Value};
use apollo_compiler::executable::{Field, InlineFragment, Selection, SelectionSet};
use apollo_compiler::schema::Type;
use apollo_compiler::{Name, Node};
use supergraph::{GraphId, Supergraph};

use crate::error::PlanError;
use crate::fetch_graph::{Condition, FetchGraph, Group};
use crate::plan::{OperationKind, PathSegment, Rewrite};
use crate::query_graph::{Jump, QueryGraph};
use crate::selection::{FieldSel, Sel};

#[derive(Clone)]
pub(crate) struct Walker<'a> {
    sg: &'a Supergraph,
    qg: &'a QueryGraph,
    labels: &'a HashSet<String>,
    pub fg: FetchGraph,
    /// Groups that received selections since the last reset (to find what `@requires` waits on).
    touched: BTreeSet<usize>,
    stage: usize,
    last_mutation_group: Option<usize>,
    /// For the selection set being planned: how many of its fields each subgraph resolves, so
    /// a jump goes where the most siblings can follow.
    preference: Vec<(GraphId, usize)>,
    /// The client's selection sets of the object being planned (several when fields with one
    /// response key merge there): internal fields whose response name they use for something
    /// else get an alias (see [`internal_alias`]).
    client_sets: Vec<&'a SelectionSet>,
    /// Response keys taken by internal fields, per response path: two different fields (one
    /// field with different arguments, needed by two `@requires`) never share a key, so one
    /// never overwrites the other in the response tree.
    claims: Vec<Claim>,
}

#[derive(Clone)]
struct Claim {
    path: Vec<PathSegment>,
    key: Name,
    name: Name,
    arguments: Vec<Node<apollo_compiler::ast::Argument>>,
}

/// Alias for a key or required field whose name the client uses for another field at the same
/// place: the representation reads it from there (`requires` selections carry the alias).
pub(crate) fn internal_alias(
    client_sets: &[&SelectionSet],
    name: &str,
    arguments: &[Node<apollo_compiler::ast::Argument>],
) -> Option<Name> {
    fn clashes(
        set: &SelectionSet,
        name: &str,
        arguments: &[Node<apollo_compiler::ast::Argument>],
    ) -> bool {
        set.selections.iter().any(|selection| match selection {
            Selection::Field(f) => {
                f.response_key() == name && (f.name != name || f.arguments != arguments)
            }
            Selection::InlineFragment(fragment) => {
                clashes(&fragment.selection_set, name, arguments)
            }
            Selection::FragmentSpread(_) => false,
        })
    }
    if client_sets.iter().any(|set| clashes(set, name, arguments)) {
        Name::new(&format!("{name}__internal")).ok()
    } else {
        None
    }
}

/// The sub-selections of the client's fields whose response key is `key` in `sets`: what an
/// unaliased field with that key merges with in the response tree.
fn client_fields<'s>(sets: &[&'s SelectionSet], key: &str) -> Vec<&'s SelectionSet> {
    fn collect<'s>(set: &'s SelectionSet, key: &str, out: &mut Vec<&'s SelectionSet>) {
        for selection in &set.selections {
            match selection {
                Selection::Field(f) if f.response_key() == key => out.push(&f.selection_set),
                Selection::Field(_) | Selection::FragmentSpread(_) => {}
                Selection::InlineFragment(fragment) => collect(&fragment.selection_set, key, out),
            }
        }
    }
    let mut out = Vec::new();
    for set in sets {
        collect(set, key, &mut out);
    }
    out
}

#[derive(Clone, Default)]
pub(crate) struct Ctx<'a> {
    pub path: Vec<PathSegment>,
    pub conditions: Vec<Condition>,
    /// What the field we came through `@provides` at this position, in this subgraph.
    provided: Option<&'a SelectionSet>,
    /// Planning key fields: overridden fields that remain for keys count as resolvable.
    for_key: bool,
    /// Planning fields only keys or `@requires` need (not asked by the client here).
    internal: bool,
}

#[derive(Clone, Copy)]
enum Pending<'o> {
    Field(&'o Node<Field>),
    Fragment(&'o Node<InlineFragment>),
}

/// `@skip(if: $v)` / `@include(if: $v)` with a variable, as conditions.
pub(crate) fn conditions_of(directives: &DirectiveList) -> Vec<Condition> {
    let mut out = Vec::new();
    for (name, expected) in [("skip", false), ("include", true)] {
        if let Some(directive) = directives.get(name)
            && let Some(value) = directive.specified_argument_by_name("if")
            && let Value::Variable(variable) = &**value
        {
            out.push((variable.clone(), expected));
        }
    }
    out
}

fn with_conditions(base: &[Condition], extra: Vec<Condition>) -> Vec<Condition> {
    let mut out = base.to_vec();
    for c in extra {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn list_depth(ty: &Type) -> usize {
    match ty {
        Type::Named(_) | Type::NonNullNamed(_) => 0,
        Type::List(inner) | Type::NonNullList(inner) => 1 + list_depth(inner),
    }
}

fn typename_field() -> FieldSel {
    FieldSel {
        alias: None,
        name: apollo_compiler::name!("__typename"),
        arguments: Vec::new(),
        directives: DirectiveList::default(),
        sub: None,
        subgraph_type: "String!".into(),
    }
}

/// The sub-selection `@provides` gives for `field` at `parent`, if it provides the field.
fn provided_field<'a>(
    provided: &'a SelectionSet,
    parent: &str,
    field: &str,
) -> Option<&'a SelectionSet> {
    for selection in &provided.selections {
        match selection {
            Selection::Field(f) if f.name == field => return Some(&f.selection_set),
            Selection::InlineFragment(fragment)
                if fragment
                    .type_condition
                    .as_ref()
                    .is_none_or(|tc| tc == parent) =>
            {
                if let Some(found) = provided_field(&fragment.selection_set, parent, field) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

impl<'a> Walker<'a> {
    pub fn new(sg: &'a Supergraph, qg: &'a QueryGraph, labels: &'a HashSet<String>) -> Self {
        Self {
            sg,
            qg,
            labels,
            fg: FetchGraph::default(),
            touched: BTreeSet::new(),
            stage: 0,
            last_mutation_group: None,
            preference: Vec::new(),
            client_sets: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn graph_of(&self, group: usize) -> GraphId {
        self.fg.groups[group].graph
    }

    fn sel_mut(&mut self, group: usize, cursor: &[usize]) -> &mut Sel {
        self.fg.groups[group].selection.at_mut(cursor)
    }

    fn is_interface_object(&self, type_name: &str, graph: GraphId) -> bool {
        self.sg
            .type_meta(type_name)
            .and_then(|t| t.graphs.get(&graph))
            .is_some_and(|g| g.interface_object)
    }

    fn coordinate(parent: &str, field: &str) -> String {
        format!("{parent}.{field}")
    }

    /// The alias of an internal field at `path`: [`internal_alias`] against the client's
    /// fields, then a fresh key if another internal field took that one. Recorded, so the
    /// representation reads the same key.
    fn internal_key(
        &mut self,
        path: &[PathSegment],
        name: &Name,
        arguments: &[Node<apollo_compiler::ast::Argument>],
    ) -> Option<Name> {
        if let Some(claim) = self
            .claims
            .iter()
            .find(|c| c.path == path && c.name == *name && c.arguments == arguments)
        {
            return (claim.key != *name).then(|| claim.key.clone());
        }
        let mut key = internal_alias(&self.client_sets, name, arguments).unwrap_or(name.clone());
        let mut n = 0;
        while self.claims.iter().any(|c| c.path == path && c.key == key)
            || (key != *name && !client_fields(&self.client_sets, &key).is_empty())
        {
            key = if key == *name {
                Name::new(&format!("{name}__internal")).ok()?
            } else {
                n += 1;
                Name::new(&format!("{name}__internal_{n}")).ok()?
            };
        }
        self.claims.push(Claim {
            path: path.to_vec(),
            key: key.clone(),
            name: name.clone(),
            arguments: arguments.to_vec(),
        });
        (key != *name).then_some(key)
    }

    fn add_typename(&mut self, group: usize, cursor: &[usize]) {
        self.sel_mut(group, cursor).add_field(typename_field());
        self.touched.insert(group);
    }

    // ---------------------------------------------------------------- root

    pub fn plan_root(
        &mut self,
        kind: OperationKind,
        root: &Name,
        set: &'a SelectionSet,
        wrappers: &[DirectiveList],
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        for selection in &set.selections {
            match selection {
                // The router answers `__typename` on the root and introspection itself.
                Selection::Field(field) if field.name.starts_with("__") => {}
                Selection::Field(field) => {
                    self.plan_root_field(kind, root, field, wrappers, ctx)?
                }
                Selection::InlineFragment(fragment) => {
                    let mut inner_wrappers = wrappers.to_vec();
                    if !fragment.directives.is_empty() {
                        inner_wrappers.push(fragment.directives.clone());
                    }
                    let inner = Ctx {
                        conditions: with_conditions(
                            &ctx.conditions,
                            conditions_of(&fragment.directives),
                        ),
                        ..ctx.clone()
                    };
                    self.plan_root(kind, root, &fragment.selection_set, &inner_wrappers, &inner)?;
                }
                Selection::FragmentSpread(spread) => {
                    return Err(PlanError::FragmentSpread(spread.fragment_name.to_string()));
                }
            }
        }
        Ok(())
    }

    fn root_group(&mut self, graph: GraphId, kind: OperationKind, deps: BTreeSet<usize>) -> usize {
        self.fg.add(Group {
            graph,
            path: Vec::new(),
            entity: false,
            kind,
            requires: Sel::default(),
            selection: Sel::default(),
            deps,
            conditions: None,
            input_rewrites: Vec::new(),
            output_rewrites: Vec::new(),
            stage: self.stage,
        })
    }

    fn plan_root_field(
        &mut self,
        kind: OperationKind,
        root: &Name,
        field: &'a Node<Field>,
        wrappers: &[DirectiveList],
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let meta =
            self.sg
                .field_meta(root, &field.name)
                .ok_or_else(|| PlanError::UnknownField {
                    coordinate: Self::coordinate(root, &field.name),
                })?;
        let candidates: Vec<GraphId> = meta
            .graphs
            .iter()
            .filter(|(_, f)| f.resolves(self.labels))
            .map(|(g, _)| *g)
            .collect();
        if candidates.is_empty() {
            return Err(PlanError::NoSubgraphResolves {
                coordinate: Self::coordinate(root, &field.name),
                reason: if meta.graphs.is_empty() {
                    String::new()
                } else {
                    " with the enabled override labels".into()
                },
            });
        }
        let place = |walker: &mut Self, group: usize| -> Result<(), PlanError> {
            let conditions = with_conditions(&ctx.conditions, conditions_of(&field.directives));
            walker.fg.touch_conditions(group, &conditions);
            let mut cursor = Vec::new();
            for directives in wrappers {
                let i = walker
                    .sel_mut(group, &cursor)
                    .add_fragment(None, directives.clone());
                cursor.push(i);
            }
            walker.add_local(group, &cursor, root, field, ctx, None)
        };
        if kind == OperationKind::Mutation {
            // Mutation fields run one after another: consecutive fields for the same subgraph
            // share a fetch, anything else starts a new step after everything before it.
            let group = match self.last_mutation_group {
                Some(last) if candidates.contains(&self.graph_of(last)) => last,
                _ => {
                    self.stage += 1;
                    let deps = (0..self.fg.groups.len()).collect();
                    let group = self.root_group(candidates[0], kind, deps);
                    self.last_mutation_group = Some(group);
                    group
                }
            };
            return place(self, group);
        }
        let existing = self
            .fg
            .groups
            .iter()
            .position(|g| !g.entity && g.stage == self.stage && candidates.contains(&g.graph));
        if let Some(group) = existing {
            return place(self, group);
        }
        let mut best: Option<(usize, Self)> = None;
        for &graph in &candidates {
            let mut trial = self.clone();
            let group = trial.root_group(graph, kind, BTreeSet::new());
            place(&mut trial, group)?;
            let cost = trial.fg.groups.len();
            if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
                best = Some((cost, trial));
            }
            if candidates.len() == 1 {
                break;
            }
        }
        if let Some((_, walker)) = best {
            *self = walker;
        }
        Ok(())
    }

    // ---------------------------------------------------------------- selections

    pub fn plan_set(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        set: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let preference = self.preference_for(parent, set);
        let saved = std::mem::replace(&mut self.preference, preference);
        let result = self.plan_set_inner(group, cursor, parent, set, ctx);
        self.preference = saved;
        result
    }

    fn preference_for(&self, parent: &Name, set: &SelectionSet) -> Vec<(GraphId, usize)> {
        let mut counts: Vec<(GraphId, usize)> = Vec::new();
        for field in set.fields() {
            let Some(meta) = self.sg.field_meta(parent, &field.name) else {
                continue;
            };
            for (graph, in_graph) in &meta.graphs {
                if in_graph.resolves(self.labels) {
                    match counts.iter_mut().find(|(g, _)| g == graph) {
                        Some((_, count)) => *count += 1,
                        None => counts.push((*graph, 1)),
                    }
                }
            }
        }
        counts
    }

    fn plan_set_inner(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        set: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => self.plan_field(group, cursor, parent, field, ctx)?,
                Selection::InlineFragment(fragment) => {
                    self.plan_fragment(group, cursor, parent, fragment, ctx)?
                }
                Selection::FragmentSpread(spread) => {
                    return Err(PlanError::FragmentSpread(spread.fragment_name.to_string()));
                }
            }
        }
        Ok(())
    }

    /// Whether `field` can stay on the abstract `parent` in `graph`: the interface field and
    /// every implementation the subgraph knows resolve it there.
    fn resolvable_at_abstract(
        &self,
        parent: &Name,
        graph: GraphId,
        field: &Field,
        ctx: &Ctx<'a>,
    ) -> bool {
        if ctx
            .provided
            .is_some_and(|p| provided_field(p, parent, &field.name).is_some())
        {
            return true;
        }
        let resolves = |type_name: &str| {
            self.sg
                .field_meta(type_name, &field.name)
                .and_then(|m| m.graphs.get(&graph))
                .is_some_and(|f| f.resolves(self.labels) && f.requires.is_none())
        };
        resolves(parent)
            && self
                .sg
                .possible_types_in(parent, graph)
                .iter()
                .all(|o| resolves(o))
    }

    fn plan_field(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let graph = self.graph_of(group);
        let interface_object = self.is_interface_object(parent, graph);
        if field.name == "__typename" {
            if interface_object {
                return self.jump(group, cursor, parent, Pending::Field(field), ctx);
            }
            let mut typename = typename_field();
            typename.alias = field.alias.clone();
            typename.directives = field.directives.clone();
            self.sel_mut(group, cursor).add_field(typename);
            self.touched.insert(group);
            return Ok(());
        }
        let meta = self
            .sg
            .type_meta(parent)
            .ok_or_else(|| PlanError::UnknownType(parent.to_string()))?;
        if meta.is_abstract()
            && !interface_object
            && !self.resolvable_at_abstract(parent, graph, field, ctx)
        {
            for object in self.sg.possible_types_in(parent, graph) {
                let i = self
                    .sel_mut(group, cursor)
                    .add_fragment(Some(object.clone()), DirectiveList::default());
                let inner = [cursor, &[i]].concat();
                self.plan_field(group, &inner, &object, field, ctx)?;
            }
            return Ok(());
        }
        let field_meta =
            self.sg
                .field_meta(parent, &field.name)
                .ok_or_else(|| PlanError::UnknownField {
                    coordinate: Self::coordinate(parent, &field.name),
                })?;
        let provided = ctx
            .provided
            .and_then(|p| provided_field(p, parent, &field.name));
        let local = provided.is_some()
            || field_meta.graphs.get(&graph).is_some_and(|f| {
                let resolves = if ctx.for_key {
                    f.resolves_for_key()
                } else {
                    f.resolves(self.labels)
                };
                resolves && f.requires.is_none()
            });
        if local {
            return self.add_local(group, cursor, parent, field, ctx, provided);
        }
        self.jump(group, cursor, parent, Pending::Field(field), ctx)
    }

    /// Adds a field the group's subgraph resolves, and plans its sub-selection there.
    fn add_local(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
        provided: Option<&'a SelectionSet>,
    ) -> Result<(), PlanError> {
        let graph = self.graph_of(group);
        let sg = self.sg;
        let meta = sg
            .field_meta(parent, &field.name)
            .ok_or_else(|| PlanError::UnknownField {
                coordinate: Self::coordinate(parent, &field.name),
            })?;
        let in_graph = meta.graphs.get(&graph);
        let inner_type = meta.ty.inner_named_type().clone();
        let composite = sg.type_meta(&inner_type).is_some_and(|t| t.is_composite());
        let alias = if ctx.internal && field.alias.is_none() {
            self.internal_key(&ctx.path, &field.name, &field.arguments)
        } else {
            None
        };
        let aliased = alias.is_some();
        let response_key = alias
            .clone()
            .or(field.alias.clone())
            .unwrap_or(field.name.clone());
        let index = self.sel_mut(group, cursor).add_field(FieldSel {
            alias: alias.or(field.alias.clone()),
            name: field.name.clone(),
            arguments: field.arguments.clone(),
            directives: field.directives.clone(),
            sub: composite.then(Sel::default),
            subgraph_type: in_graph.map(|f| &f.ty).unwrap_or(&meta.ty).to_string(),
        });
        self.touched.insert(group);
        if !composite {
            return Ok(());
        }
        let inner = [cursor, &[index]].concat();
        let mut path = ctx.path.clone();
        path.push(PathSegment::Field(response_key.to_string()));
        path.extend(std::iter::repeat_n(PathSegment::List, list_depth(&meta.ty)));
        let child = Ctx {
            path,
            conditions: with_conditions(&ctx.conditions, conditions_of(&field.directives)),
            provided: match provided {
                Some(sub) if !sub.selections.is_empty() => Some(sub),
                Some(_) => None,
                None => in_graph
                    .and_then(|f| f.provides.as_ref())
                    .map(|p| &p.selection_set),
            },
            for_key: ctx.for_key,
            internal: ctx.internal,
        };
        if sg.type_meta(&inner_type).is_some_and(|t| t.is_abstract()) {
            self.add_typename(group, &inner);
        }
        // Below an unaliased field, the client's fields with the same key share the object:
        // internal fields there are aliased against them too. Below an aliased one, nothing is
        // the client's.
        let client_sets = if aliased {
            Vec::new()
        } else {
            let mut sets = client_fields(&self.client_sets, &response_key);
            if !ctx.internal && !sets.iter().any(|s| std::ptr::eq(*s, &field.selection_set)) {
                sets.push(&field.selection_set);
            }
            sets
        };
        let saved = std::mem::replace(&mut self.client_sets, client_sets);
        let result = self.plan_set(group, &inner, &inner_type, &field.selection_set, &child);
        self.client_sets = saved;
        result
    }

    fn plan_fragment(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        fragment: &'a Node<InlineFragment>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let graph = self.graph_of(group);
        let condition = fragment.type_condition.clone().unwrap_or(parent.clone());
        let inner_ctx = Ctx {
            conditions: with_conditions(&ctx.conditions, conditions_of(&fragment.directives)),
            ..ctx.clone()
        };
        let sg = self.sg;
        let parent_meta = sg
            .type_meta(parent)
            .ok_or_else(|| PlanError::UnknownType(parent.to_string()))?;
        let same_type = condition == *parent
            || (!parent_meta.is_abstract() && sg.schema.is_subtype(&condition, parent));
        if same_type {
            if fragment.directives.is_empty() {
                return self.plan_set(group, cursor, parent, &fragment.selection_set, ctx);
            }
            let i = self
                .sel_mut(group, cursor)
                .add_fragment(None, fragment.directives.clone());
            let inner = [cursor, &[i]].concat();
            return self.plan_set(group, &inner, parent, &fragment.selection_set, &inner_ctx);
        }
        if !parent_meta.is_abstract() {
            // An object parent outside the condition: the fragment never applies.
            return Ok(());
        }
        if self.is_interface_object(parent, graph) {
            return self.jump(group, cursor, parent, Pending::Fragment(fragment), ctx);
        }
        let condition_meta = sg
            .type_meta(&condition)
            .ok_or_else(|| PlanError::UnknownType(condition.to_string()))?;
        let wanted = if condition_meta.is_abstract() {
            sg.possible_types(&condition)
        } else {
            vec![condition.clone()]
        };
        for object in sg.possible_types_in(parent, graph) {
            if !wanted.contains(&object) {
                continue;
            }
            let i = self
                .sel_mut(group, cursor)
                .add_fragment(Some(object.clone()), fragment.directives.clone());
            let inner = [cursor, &[i]].concat();
            self.plan_set(group, &inner, &object, &fragment.selection_set, &inner_ctx)?;
        }
        Ok(())
    }

    // ---------------------------------------------------------------- entity jumps

    fn jump(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let graph = self.graph_of(group);
        let sg = self.sg;
        let labels = self.labels;
        let needs_implementations = match pending {
            Pending::Field(field) => field.name == "__typename",
            Pending::Fragment(_) => true,
        };
        let target_ok = |jump: &&Jump| -> bool {
            if needs_implementations {
                return jump.to != graph && !self.is_interface_object(&jump.key_type, jump.to);
            }
            let Pending::Field(field) = pending else {
                return false;
            };
            let holder = if jump.key_type != *parent {
                &jump.key_type
            } else {
                parent
            };
            sg.field_meta(holder, &field.name)
                .and_then(|m| m.graphs.get(&jump.to))
                .is_some_and(|f| f.resolves(labels) && (jump.to != graph || f.requires.is_some()))
        };
        let jumps: Vec<Jump> = self
            .qg
            .jumps(parent, graph)
            .iter()
            .filter(target_ok)
            .cloned()
            .collect();
        if jumps.is_empty()
            && let Pending::Field(field) = pending
            && let Some(hop) = self.first_hop(parent, graph, field)
        {
            // No subgraph that resolves the field takes a key this one has: go through an
            // intermediate subgraph that can provide one.
            return self.do_jump(group, cursor, parent, pending, ctx, &hop, true);
        }
        if jumps.is_empty() {
            let (coordinate, candidates) = match pending {
                Pending::Field(field) => {
                    let candidates: Vec<String> = sg
                        .field_meta(parent, &field.name)
                        .map(|m| {
                            m.graphs
                                .iter()
                                .filter(|(_, f)| f.resolves(labels))
                                .map(|(g, _)| sg.subgraph(*g).name.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    (Self::coordinate(parent, &field.name), candidates)
                }
                Pending::Fragment(fragment) => (
                    format!(
                        "{parent} (fragment on {})",
                        fragment.type_condition.as_deref().unwrap_or(parent)
                    ),
                    Vec::new(),
                ),
            };
            if candidates.is_empty() && matches!(pending, Pending::Field(_)) {
                return Err(PlanError::NoSubgraphResolves {
                    coordinate,
                    reason: format!(
                        " (reached from subgraph \"{}\" at path \"{}\")",
                        sg.subgraph(graph).name,
                        crate::display::path_text(&ctx.path)
                    ),
                });
            }
            return Err(PlanError::Unreachable {
                coordinate,
                path: crate::display::path_text(&ctx.path),
                from: sg.subgraph(graph).name.clone(),
                candidates: if candidates.is_empty() {
                    "subgraphs knowing the implementations".into()
                } else {
                    candidates.join(", ")
                },
            });
        }
        // Prefer a subgraph already fetched at this path: no extra round trip.
        if let Some(jump) = jumps.iter().find(|j| {
            self.find_entity_group(j.to, &ctx.path, &BTreeSet::from([group]), None)
                .is_some()
        }) {
            return self.do_jump(group, cursor, parent, pending, ctx, jump, false);
        }
        if jumps.len() == 1 {
            return self.do_jump(group, cursor, parent, pending, ctx, &jumps[0], false);
        }
        let score = |jump: &Jump| {
            self.preference
                .iter()
                .find(|(g, _)| *g == jump.to)
                .map_or(0, |(_, count)| *count)
        };
        let best_score = jumps.iter().map(score).max().unwrap_or(0);
        let jumps: Vec<Jump> = jumps
            .into_iter()
            .filter(|j| score(j) == best_score)
            .collect();
        if jumps.len() == 1 {
            return self.do_jump(group, cursor, parent, pending, ctx, &jumps[0], false);
        }
        // Several subgraphs could answer: keep the one that needs the fewest fetches (ties go to
        // the first in supergraph order).
        let mut best: Option<(usize, Self)> = None;
        for jump in &jumps {
            let mut trial = self.clone();
            trial.do_jump(group, cursor, parent, pending, ctx, jump, false)?;
            let cost = trial.fg.groups.len();
            if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
                best = Some((cost, trial));
            }
        }
        if let Some((_, walker)) = best {
            *self = walker;
        }
        Ok(())
    }

    /// An entity group for `to` at `path` that can start after `deps` and, given a
    /// `representation`, whose representations can hold it too.
    fn find_entity_group(
        &self,
        to: GraphId,
        path: &[PathSegment],
        deps: &BTreeSet<usize>,
        representation: Option<&Sel>,
    ) -> Option<usize> {
        self.fg.groups.iter().enumerate().position(|(id, g)| {
            g.entity
                && g.graph == to
                && g.path == path
                && g.stage == self.stage
                && !deps.iter().any(|&d| d == id || self.fg.depends_on(d, id))
                && representation.is_none_or(|r| fits(r, &g.requires))
        })
    }

    /// First jump of the shortest chain of jumps from `from` to a subgraph resolving `field`.
    fn first_hop(&self, parent: &Name, from: GraphId, field: &Field) -> Option<Jump> {
        let resolves = |graph: GraphId| {
            self.sg
                .field_meta(parent, &field.name)
                .and_then(|m| m.graphs.get(&graph))
                .is_some_and(|f| f.resolves(self.labels))
        };
        let mut seen = BTreeSet::from([from]);
        // (graph reached, first hop taken to get there)
        let mut frontier: Vec<(GraphId, Jump)> = Vec::new();
        for jump in self.qg.jumps(parent, from) {
            if jump.key_type == *parent && seen.insert(jump.to) {
                frontier.push((jump.to, jump.clone()));
            }
        }
        while !frontier.is_empty() {
            if let Some((_, first)) = frontier.iter().find(|(g, _)| resolves(*g)) {
                return Some(first.clone());
            }
            let mut next = Vec::new();
            for (graph, first) in &frontier {
                for jump in self.qg.jumps(parent, *graph) {
                    if jump.key_type == *parent && seen.insert(jump.to) {
                        next.push((jump.to, first.clone()));
                    }
                }
            }
            frontier = next;
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn do_jump(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
        jump: &Jump,
        forward: bool,
    ) -> Result<(), PlanError> {
        let sg = self.sg;
        let key_holder = &jump.key_type;
        let key = &sg.types[key_holder].graphs[&jump.to].keys[jump.key_index];
        let rewrite_typename = key_holder != parent;

        // The representation's fields come from the current group.
        self.add_typename(group, cursor);
        let key_ctx = Ctx {
            for_key: true,
            internal: true,
            provided: None,
            ..ctx.clone()
        };
        self.plan_set(group, cursor, parent, &key.fields.selection_set, &key_ctx)?;

        let mut deps = BTreeSet::from([group]);
        let mut required = None;
        if let Pending::Field(field) = pending
            && field.name != "__typename"
            && !forward
            && let Some(requires) = sg
                .field_meta(key_holder, &field.name)
                .and_then(|m| m.graphs.get(&jump.to))
                .and_then(|f| f.requires.as_ref())
        {
            // Required fields are fetched first, wherever they live, and wait-for'd.
            let saved = std::mem::take(&mut self.touched);
            let requires_ctx = Ctx {
                for_key: false,
                internal: true,
                ..ctx.clone()
            };
            self.plan_set(
                group,
                cursor,
                parent,
                &requires.selection_set,
                &requires_ctx,
            )?;
            let touched = std::mem::replace(&mut self.touched, saved);
            deps.extend(touched.iter().copied());
            self.touched.extend(touched);
            required = Some(&requires.selection_set);
        }

        let field_conditions = match pending {
            Pending::Field(field) => conditions_of(&field.directives),
            Pending::Fragment(fragment) => conditions_of(&fragment.directives),
        };
        let conditions = with_conditions(&ctx.conditions, field_conditions);
        let mut representation = Sel::default();
        {
            let i = representation.add_fragment(Some(parent.clone()), DirectiveList::default());
            let sel = representation.at_mut(&[i]);
            sel.add_field(typename_field());
            add_plain(sg, sel, parent, &key.fields.selection_set);
            if let Some(required) = required {
                add_plain(sg, sel, parent, required);
            }
            alias_representation(sel, &self.claims, &ctx.path);
        }
        let target = match self.find_entity_group(jump.to, &ctx.path, &deps, Some(&representation))
        {
            Some(existing) => {
                self.fg.groups[existing].deps.extend(deps);
                existing
            }
            None => self.fg.add(Group {
                graph: jump.to,
                path: ctx.path.clone(),
                entity: true,
                kind: OperationKind::Query,
                requires: Sel::default(),
                selection: Sel::default(),
                deps,
                conditions: None,
                input_rewrites: Vec::new(),
                output_rewrites: Vec::new(),
                stage: self.stage,
            }),
        };
        self.fg.touch_conditions(target, &conditions);
        self.touched.insert(target);

        self.fg.groups[target].requires.merge(representation);
        if rewrite_typename {
            let rewrite = Rewrite::ValueSetter {
                path: vec![format!("... on {parent}"), "__typename".into()],
                set_value_to: serde_json::Value::String(key_holder.to_string()),
            };
            if !self.fg.groups[target].input_rewrites.contains(&rewrite) {
                self.fg.groups[target].input_rewrites.push(rewrite);
            }
        }

        let selection_type = if rewrite_typename { key_holder } else { parent };
        let i = self.fg.groups[target]
            .selection
            .add_fragment(Some(selection_type.clone()), DirectiveList::default());
        let inner_ctx = Ctx {
            path: ctx.path.clone(),
            conditions: ctx.conditions.clone(),
            provided: None,
            for_key: false,
            internal: ctx.internal,
        };
        match pending {
            Pending::Field(field) if field.name == "__typename" => {
                self.plan_field(target, &[i], selection_type, field, &inner_ctx)
            }
            Pending::Field(field) if forward => {
                self.plan_field(target, &[i], selection_type, field, &inner_ctx)
            }
            Pending::Field(field) => {
                if sg
                    .type_meta(selection_type)
                    .is_some_and(|t| t.is_abstract())
                    && !self.is_interface_object(selection_type, jump.to)
                {
                    self.add_typename(target, &[i]);
                    self.plan_field(target, &[i], selection_type, field, &inner_ctx)
                } else {
                    self.add_local(target, &[i], selection_type, field, &inner_ctx, None)
                }
            }
            Pending::Fragment(fragment) => {
                self.add_typename(target, &[i]);
                self.plan_fragment(target, &[i], selection_type, fragment, &inner_ctx)
            }
        }
    }
}

/// Marks representation fields that were fetched under an internal alias, at any depth: the
/// keys [`Walker::internal_key`] gave them when they were planned at `path`.
fn alias_representation(sel: &mut Sel, claims: &[Claim], path: &[PathSegment]) {
    for item in &mut sel.items {
        match item {
            crate::selection::Item::Field(field) => {
                let key = claims
                    .iter()
                    .find(|c| {
                        c.path == path && c.name == field.name && c.arguments == field.arguments
                    })
                    .map_or(field.name.clone(), |c| c.key.clone());
                field.alias = (key != field.name).then(|| key.clone());
                if let Some(sub) = &mut field.sub {
                    let mut inner = path.to_vec();
                    inner.push(PathSegment::Field(key.to_string()));
                    let depth = field.subgraph_type.matches('[').count();
                    inner.extend(std::iter::repeat_n(PathSegment::List, depth));
                    alias_representation(sub, claims, &inner);
                }
            }
            crate::selection::Item::Fragment(fragment) => {
                alias_representation(&mut fragment.sub, claims, path)
            }
        }
    }
}

/// Whether representations of shape `a` and `b` can be one: a field both name must be read from
/// the same key (a representation holds a field once; two `@requires` of one field with
/// different arguments need two fetches).
fn fits(a: &Sel, b: &Sel) -> bool {
    use crate::selection::Item;
    a.items.iter().all(|x| {
        b.items.iter().all(|y| match (x, y) {
            (Item::Field(f), Item::Field(g)) if f.name == g.name => {
                f.response_key() == g.response_key()
                    && match (&f.sub, &g.sub) {
                        (Some(fs), Some(gs)) => fits(fs, gs),
                        _ => true,
                    }
            }
            (Item::Fragment(f), Item::Fragment(g)) if f.type_condition == g.type_condition => {
                fits(&f.sub, &g.sub)
            }
            _ => true,
        })
    })
}

/// Copies a field set (keys, requires) into a selection, without planning: the shape of a
/// representation.
fn add_plain(sg: &Supergraph, sel: &mut Sel, parent: &str, set: &SelectionSet) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                let ty = sg.field_meta(parent, &field.name).map(|m| m.ty.clone());
                let inner_type = ty.as_ref().map(|t| t.inner_named_type().to_string());
                let mut sub = None;
                if !field.selection_set.selections.is_empty() {
                    let mut inner = Sel::default();
                    add_plain(
                        sg,
                        &mut inner,
                        inner_type.as_deref().unwrap_or(parent),
                        &field.selection_set,
                    );
                    sub = Some(inner);
                }
                sel.add_field(FieldSel {
                    alias: None,
                    name: field.name.clone(),
                    arguments: field.arguments.clone(),
                    directives: DirectiveList::default(),
                    sub,
                    subgraph_type: ty.map(|t| t.to_string()).unwrap_or_default(),
                });
            }
            Selection::InlineFragment(fragment) => {
                let i = sel.add_fragment(fragment.type_condition.clone(), DirectiveList::default());
                let tc = fragment
                    .type_condition
                    .as_deref()
                    .unwrap_or(parent)
                    .to_string();
                add_plain(sg, sel.at_mut(&[i]), &tc, &fragment.selection_set);
            }
            Selection::FragmentSpread(_) => {}
        }
    }
}
