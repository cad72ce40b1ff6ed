//! Seeded, reproducible operations over an API schema: nested selections, aliases, repeated
//! fields that merge, named fragments and inline fragments (on unions, on interfaces, without a
//! type condition), variables, `@skip`/`@include` (literal and variable), and arguments drawn
//! from the seed data (valid ids and cursors mostly, some out of range or malformed, so errors
//! and nulls have paths to check).
//!
//! An [`Operation`] is a tree the minimizer can cut; [`Operation::print`] gives its text and
//! [`Operation::variables`] the variables it uses. The same `(schema, seed)` always gives the
//! same operation.

use std::collections::HashSet;
use std::fmt::Write as _;

use apollo_compiler::schema::{ExtendedType, FieldDefinition, Type};
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use serde_json::{Value, json};
use subgraph_kit::pagination::encode_cursor;
use subgraph_kit::seed::{SeedRng, SeedSize};

/// Constructs the generator leaves out, each because of a named finding of docs/oracle.md that
/// is still open: one `bool` per finding, named after it, tested where the generator would
/// draw the construct (the draw is made either way, so lifting an exclusion changes only what
/// it excluded). [`Exclusions::OPEN`] is what CI runs; the default leaves nothing out. No
/// finding is open today, so there are no flags.
#[derive(Debug, Clone, Copy, Default)]
pub struct Exclusions {}

impl Exclusions {
    /// Every finding still open.
    pub const OPEN: Exclusions = Exclusions {};
}

/// How big operations get.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Deepest field nesting below the root.
    pub max_depth: usize,
    /// Most fields chosen per selection set (before fragments).
    pub max_fields: usize,
    /// Most root fields.
    pub max_root_fields: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            max_depth: 4,
            max_fields: 4,
            max_root_fields: 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// GraphQL literal text.
    Literal(String),
    /// A variable's name (without `$`).
    Variable(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// `skip` or `include`.
    pub name: &'static str,
    pub condition: Arg,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub alias: Option<String>,
    pub name: String,
    pub arguments: Vec<(String, Arg)>,
    pub directives: Vec<Directive>,
    pub selections: Vec<Selection>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    Field(Field),
    Inline {
        on: Option<String>,
        directives: Vec<Directive>,
        selections: Vec<Selection>,
    },
    Spread {
        fragment: String,
        directives: Vec<Directive>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    pub name: String,
    pub on: String,
    pub selections: Vec<Selection>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VariableDefinition {
    pub name: String,
    pub ty: String,
    pub value: Value,
}

/// A generated query.
/// Which root type an operation starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Query,
    Mutation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub kind: Kind,
    pub selections: Vec<Selection>,
    pub fragments: Vec<Fragment>,
    pub variables: Vec<VariableDefinition>,
}

impl Operation {
    /// The fragments reachable from the operation (only those are printed: an unused fragment
    /// is invalid).
    fn used_fragments(&self) -> Vec<&Fragment> {
        let mut used = Vec::new();
        let mut names = HashSet::new();
        let mut stack: Vec<&[Selection]> = vec![&self.selections];
        while let Some(selections) = stack.pop() {
            for selection in selections {
                match selection {
                    Selection::Field(field) => stack.push(&field.selections),
                    Selection::Inline { selections, .. } => stack.push(selections),
                    Selection::Spread { fragment, .. } => {
                        if names.insert(fragment.clone())
                            && let Some(found) = self.fragments.iter().find(|f| &f.name == fragment)
                        {
                            used.push(found);
                            stack.push(&found.selections);
                        }
                    }
                }
            }
        }
        used.sort_by(|a, b| a.name.cmp(&b.name));
        used
    }

    fn used_variables(&self) -> HashSet<String> {
        fn directives(found: &mut HashSet<String>, list: &[Directive]) {
            for directive in list {
                if let Arg::Variable(name) = &directive.condition {
                    found.insert(name.clone());
                }
            }
        }
        fn walk(found: &mut HashSet<String>, selections: &[Selection]) {
            for selection in selections {
                match selection {
                    Selection::Field(field) => {
                        for (_, arg) in &field.arguments {
                            if let Arg::Variable(name) = arg {
                                found.insert(name.clone());
                            }
                        }
                        directives(found, &field.directives);
                        walk(found, &field.selections);
                    }
                    Selection::Inline {
                        directives: list,
                        selections,
                        ..
                    } => {
                        directives(found, list);
                        walk(found, selections);
                    }
                    Selection::Spread {
                        directives: list, ..
                    } => directives(found, list),
                }
            }
        }
        let mut found = HashSet::new();
        walk(&mut found, &self.selections);
        for fragment in self.used_fragments() {
            walk(&mut found, &fragment.selections);
        }
        found
    }

    /// The variables' values, for the variables the operation uses.
    pub fn variables(&self) -> Value {
        let used = self.used_variables();
        let mut map = serde_json::Map::new();
        for variable in &self.variables {
            if used.contains(&variable.name) {
                map.insert(variable.name.clone(), variable.value.clone());
            }
        }
        Value::Object(map)
    }

    /// The operation's text.
    pub fn print(&self) -> String {
        let used = self.used_variables();
        let mut out = String::from(match self.kind {
            Kind::Query => "query Oracle",
            Kind::Mutation => "mutation Oracle",
        });
        let declared: Vec<String> = self
            .variables
            .iter()
            .filter(|v| used.contains(&v.name))
            .map(|v| format!("${}: {}", v.name, v.ty))
            .collect();
        if !declared.is_empty() {
            let _ = write!(out, "({})", declared.join(", "));
        }
        out.push(' ');
        print_set(&mut out, &self.selections, 0);
        for fragment in self.used_fragments() {
            let _ = write!(out, "\n\nfragment {} on {} ", fragment.name, fragment.on);
            print_set(&mut out, &fragment.selections, 0);
        }
        out.push('\n');
        out
    }

    /// Every operation one cut smaller: one selection, one directive or one named-fragment
    /// indirection removed (for the minimizer; some results may be invalid).
    pub fn smaller(&self) -> Vec<Operation> {
        let mut out = Vec::new();
        let mut paths = Vec::new();
        collect_paths(&self.selections, &mut Vec::new(), &mut paths);
        for path in &paths {
            let mut copy = self.clone();
            remove_at(&mut copy.selections, path);
            out.push(copy);
            let mut copy = self.clone();
            if strip_directives_at(&mut copy.selections, path) {
                out.push(copy);
            }
            let mut copy = self.clone();
            if inline_spread_at(&mut copy, path) {
                out.push(copy);
            }
        }
        for (index, fragment) in self.fragments.iter().enumerate() {
            let mut fragment_paths = Vec::new();
            collect_paths(&fragment.selections, &mut Vec::new(), &mut fragment_paths);
            for path in &fragment_paths {
                let mut copy = self.clone();
                remove_at(&mut copy.fragments[index].selections, path);
                out.push(copy);
                let mut copy = self.clone();
                if strip_directives_at(&mut copy.fragments[index].selections, path) {
                    out.push(copy);
                }
            }
        }
        out
    }

    /// Whether the operation is valid against `schema`.
    pub fn is_valid(&self, schema: &Valid<Schema>) -> bool {
        ExecutableDocument::parse_and_validate(schema, self.print(), "oracle.graphql").is_ok()
    }
}

fn collect_paths(selections: &[Selection], prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    for (index, selection) in selections.iter().enumerate() {
        prefix.push(index);
        out.push(prefix.clone());
        match selection {
            Selection::Field(field) => collect_paths(&field.selections, prefix, out),
            Selection::Inline { selections, .. } => collect_paths(selections, prefix, out),
            Selection::Spread { .. } => {}
        }
        prefix.pop();
    }
}

fn children(selection: &mut Selection) -> Option<&mut Vec<Selection>> {
    match selection {
        Selection::Field(field) => Some(&mut field.selections),
        Selection::Inline { selections, .. } => Some(selections),
        Selection::Spread { .. } => None,
    }
}

fn at<'a>(selections: &'a mut Vec<Selection>, path: &[usize]) -> Option<&'a mut Selection> {
    let (last, parents) = path.split_last()?;
    let mut current = selections;
    for index in parents {
        current = children(current.get_mut(*index)?)?;
    }
    current.get_mut(*last)
}

fn remove_at(selections: &mut Vec<Selection>, path: &[usize]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = selections;
    for index in parents {
        match current.get_mut(*index).and_then(children) {
            Some(next) => current = next,
            None => return,
        }
    }
    if *last < current.len() {
        current.remove(*last);
    }
}

fn strip_directives_at(selections: &mut Vec<Selection>, path: &[usize]) -> bool {
    let Some(selection) = at(selections, path) else {
        return false;
    };
    let list = match selection {
        Selection::Field(field) => &mut field.directives,
        Selection::Inline { directives, .. } | Selection::Spread { directives, .. } => directives,
    };
    if list.is_empty() {
        return false;
    }
    list.clear();
    true
}

/// Replaces a named spread by an inline fragment with the fragment's selections.
fn inline_spread_at(operation: &mut Operation, path: &[usize]) -> bool {
    let fragments = operation.fragments.clone();
    let Some(selection) = at(&mut operation.selections, path) else {
        return false;
    };
    let Selection::Spread {
        fragment,
        directives,
    } = selection
    else {
        return false;
    };
    let Some(found) = fragments.iter().find(|f| &f.name == fragment) else {
        return false;
    };
    *selection = Selection::Inline {
        on: Some(found.on.clone()),
        directives: directives.clone(),
        selections: found.selections.clone(),
    };
    true
}

fn print_directives(out: &mut String, directives: &[Directive]) {
    for directive in directives {
        let condition = match &directive.condition {
            Arg::Literal(text) => text.clone(),
            Arg::Variable(name) => format!("${name}"),
        };
        let _ = write!(out, " @{}(if: {condition})", directive.name);
    }
}

fn print_set(out: &mut String, selections: &[Selection], indent: usize) {
    out.push_str("{\n");
    for selection in selections {
        out.push_str(&"  ".repeat(indent + 1));
        match selection {
            Selection::Field(field) => {
                if let Some(alias) = &field.alias {
                    let _ = write!(out, "{alias}: ");
                }
                out.push_str(&field.name);
                if !field.arguments.is_empty() {
                    let args: Vec<String> = field
                        .arguments
                        .iter()
                        .map(|(name, arg)| match arg {
                            Arg::Literal(text) => format!("{name}: {text}"),
                            Arg::Variable(variable) => format!("{name}: ${variable}"),
                        })
                        .collect();
                    let _ = write!(out, "({})", args.join(", "));
                }
                print_directives(out, &field.directives);
                if !field.selections.is_empty() {
                    out.push(' ');
                    print_set(out, &field.selections, indent + 1);
                }
            }
            Selection::Inline {
                on,
                directives,
                selections,
            } => {
                out.push_str("...");
                if let Some(on) = on {
                    let _ = write!(out, " on {on}");
                }
                print_directives(out, directives);
                out.push(' ');
                print_set(out, selections, indent + 1);
            }
            Selection::Spread {
                fragment,
                directives,
            } => {
                let _ = write!(out, "...{fragment}");
                print_directives(out, directives);
            }
        }
        out.push('\n');
    }
    out.push_str(&"  ".repeat(indent));
    out.push('}');
}

/// Generates operations from one schema.
pub struct Generator<'s> {
    schema: &'s Valid<Schema>,
    size: SeedSize,
    shape: Shape,
    #[allow(dead_code)]
    exclusions: Exclusions,
    /// Whether fields of the `DateTime` scalar may be selected. Off where the two sides write
    /// their own clock's time (the mutation run: each side stamps its own changes).
    timestamps: bool,
}

/// The state of generating one operation.
struct Run {
    rng: SeedRng,
    fragments: Vec<Fragment>,
    variables: Vec<VariableDefinition>,
    next_name: usize,
}

impl Run {
    fn chance(&mut self, percent: u64) -> bool {
        self.rng.next_u64() % 100 < percent
    }

    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n.max(1) as u64) as usize
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next_name += 1;
        format!("{prefix}{}", self.next_name)
    }
}

const SEARCH_TEXTS: &[&str] = &[
    "book",
    "toy",
    "e",
    "a",
    "garden hose",
    "elec",
    "walnut",
    "Classic",
    "oak",
    "lamp",
    "cloth and sport",
    "  ",
    "Notebook",
    "%",
    "Vintage Linen",
];

/// Review bodies a valid `addReview` sends (trimmed, 1..=2000 characters).
const REVIEW_BODIES: [&str; 4] = ["Great lamp.", "  Worth it  ", "Broke after a week", "ok"];

impl<'s> Generator<'s> {
    pub fn new(schema: &'s Valid<Schema>, size: SeedSize, exclusions: Exclusions) -> Self {
        Generator {
            schema,
            size,
            shape: Shape::default(),
            exclusions,
            timestamps: true,
        }
    }

    /// Never selects `DateTime` fields (see [`Generator::timestamps`]).
    pub fn without_timestamps(mut self) -> Self {
        self.timestamps = false;
        self
    }

    /// The schema operations are generated for.
    pub fn schema(&self) -> &'s Valid<Schema> {
        self.schema
    }

    pub fn with_shape(mut self, shape: Shape) -> Self {
        self.shape = shape;
        self
    }

    /// The operation for `seed`, valid against the schema (a few tries with derived seeds when a
    /// draw does not validate, still a function of `seed` alone).
    pub fn operation(&self, seed: u64) -> Operation {
        self.valid(seed, Kind::Query)
    }

    /// A mutation for `seed` (one to three root fields, run in order), valid against the
    /// schema as [`Generator::operation`]'s are.
    pub fn mutation(&self, seed: u64) -> Operation {
        self.valid(seed, Kind::Mutation)
    }

    fn valid(&self, seed: u64, kind: Kind) -> Operation {
        let mut last = None;
        for attempt in 0..16u64 {
            let operation = self.draw(seed.wrapping_mul(31).wrapping_add(attempt), kind);
            if operation.is_valid(self.schema) {
                return operation;
            }
            last = Some(operation);
        }
        // Practically unreachable; the caller's validation reports it.
        last.unwrap_or(Operation {
            kind,
            selections: Vec::new(),
            fragments: Vec::new(),
            variables: Vec::new(),
        })
    }

    fn draw(&self, seed: u64, kind: Kind) -> Operation {
        let mut run = Run {
            rng: SeedRng::new(seed),
            fragments: Vec::new(),
            variables: Vec::new(),
            next_name: 0,
        };
        let definition = &self.schema.schema_definition;
        let (root, count) = match kind {
            Kind::Query => (
                definition.query.as_ref().map(|name| name.name.to_string()),
                1 + run.below(self.shape.max_root_fields),
            ),
            Kind::Mutation => (
                definition
                    .mutation
                    .as_ref()
                    .map(|name| name.name.to_string()),
                1 + run.below(3),
            ),
        };
        let root = root.unwrap_or_else(|| format!("{kind:?}"));
        let selections = self.selection_set(&mut run, &root, 0, count, true);
        Operation {
            kind,
            selections,
            fragments: run.fragments,
            variables: run.variables,
        }
    }

    /// Fields of an object or interface type.
    fn fields(&self, type_name: &str) -> Vec<(&'s str, &'s FieldDefinition)> {
        match self.schema.types.get(type_name) {
            Some(ExtendedType::Object(object)) => object
                .fields
                .iter()
                .map(|(name, field)| (name.as_str(), &***field))
                .collect(),
            Some(ExtendedType::Interface(interface)) => interface
                .fields
                .iter()
                .map(|(name, field)| (name.as_str(), &***field))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn is_mutation_root(&self, type_name: &str) -> bool {
        self.schema
            .schema_definition
            .mutation
            .as_ref()
            .is_some_and(|name| name.name == type_name)
    }

    fn is_composite(&self, ty: &Type) -> bool {
        matches!(
            self.schema.types.get(ty.inner_named_type().as_str()),
            Some(ExtendedType::Object(_) | ExtendedType::Interface(_) | ExtendedType::Union(_))
        )
    }

    /// Types an inline fragment in a set of `type_name` may name: itself, its interfaces, and
    /// for an abstract type its possible types.
    fn fragment_types(&self, type_name: &str) -> Vec<String> {
        let mut out = vec![type_name.to_owned()];
        match self.schema.types.get(type_name) {
            Some(ExtendedType::Object(object)) => {
                out.extend(
                    object
                        .implements_interfaces
                        .iter()
                        .map(|i| i.name.to_string()),
                );
            }
            Some(ExtendedType::Union(union)) => {
                out.extend(union.members.iter().map(|m| m.name.to_string()));
            }
            Some(ExtendedType::Interface(_)) => {
                for (name, ty) in &self.schema.types {
                    if let ExtendedType::Object(object) = ty
                        && object
                            .implements_interfaces
                            .iter()
                            .any(|i| i.name == type_name)
                    {
                        out.push(name.to_string());
                    }
                }
            }
            _ => {}
        }
        out
    }

    fn selection_set(
        &self,
        run: &mut Run,
        type_name: &str,
        depth: usize,
        count: usize,
        root: bool,
    ) -> Vec<Selection> {
        let mut keys = HashSet::new();
        let mut selections = Vec::new();
        let is_union = matches!(
            self.schema.types.get(type_name),
            Some(ExtendedType::Union(_))
        );
        if is_union {
            let members = self.fragment_types(type_name);
            if run.chance(40) || depth >= self.shape.max_depth {
                selections.push(Selection::Field(self.typename(run, &mut keys)));
            }
            if depth < self.shape.max_depth {
                for member in members.iter().skip(1) {
                    if run.chance(70) {
                        let count = 1 + run.below(3);
                        let inner = self.fields_into(run, member, depth, &mut keys, count);
                        let directives = self.directives(run, 10);
                        selections.push(Selection::Inline {
                            on: Some(member.clone()),
                            directives,
                            selections: inner,
                        });
                    }
                }
            }
            if selections.is_empty() {
                selections.push(Selection::Field(self.typename(run, &mut keys)));
            }
            return selections;
        }
        selections.extend(self.fields_into(run, type_name, depth, &mut keys, count));
        // Fragments on the same set.
        if depth < self.shape.max_depth && run.chance(15) {
            let types = self.fragment_types(type_name);
            let on = types[run.below(types.len())].clone();
            let count = 1 + run.below(2);
            let inner = self.fields_into(run, &on, depth, &mut keys, count);
            if !inner.is_empty() {
                let on = if run.chance(25) && on == type_name {
                    None
                } else {
                    Some(on)
                };
                let directives = self.directives(run, 30);
                selections.push(Selection::Inline {
                    on,
                    directives,
                    selections: inner,
                });
            }
        }
        if depth < self.shape.max_depth && !root && run.chance(12) {
            let types = self.fragment_types(type_name);
            let on = types[run.below(types.len())].clone();
            let count = 1 + run.below(3);
            let inner = self.fields_into(run, &on, depth, &mut keys, count);
            if !inner.is_empty() {
                let name = run.fresh("F");
                let directives = self.directives(run, 20);
                run.fragments.push(Fragment {
                    name: name.clone(),
                    on,
                    selections: inner,
                });
                selections.push(Selection::Spread {
                    fragment: name,
                    directives,
                });
            }
        }
        if selections.is_empty() {
            selections.push(Selection::Field(self.typename(run, &mut keys)));
        }
        selections
    }

    fn typename(&self, run: &mut Run, keys: &mut HashSet<String>) -> Field {
        let alias = if keys.contains("__typename") || run.chance(20) {
            Some(run.fresh("t"))
        } else {
            None
        };
        keys.insert(alias.clone().unwrap_or_else(|| "__typename".to_owned()));
        Field {
            alias,
            name: "__typename".to_owned(),
            arguments: Vec::new(),
            directives: Vec::new(),
            selections: Vec::new(),
        }
    }

    /// `count` fields of `type_name` (leaves only at the depth limit).
    fn fields_into(
        &self,
        run: &mut Run,
        type_name: &str,
        depth: usize,
        keys: &mut HashSet<String>,
        count: usize,
    ) -> Vec<Selection> {
        let all = self.fields(type_name);
        let candidates: Vec<&(&str, &FieldDefinition)> = all
            .iter()
            .filter(|(name, field)| {
                !name.starts_with("__")
                    && (depth < self.shape.max_depth || !self.is_composite(&field.ty))
                    && (self.timestamps || field.ty.inner_named_type() != "DateTime")
            })
            .collect();
        let mut out: Vec<Selection> = Vec::new();
        if candidates.is_empty() {
            return out;
        }
        for _ in 0..count {
            // Sometimes the same response key again (same field and arguments, other
            // sub-selections): the two must merge. Not for mutation fields: async-graphql
            // runs each copy of a repeated mutation field (twice the side effect) where the
            // spec merges them into one execution (docs/oracle.md, M1).
            if !out.is_empty() && run.chance(8) && !self.is_mutation_root(type_name) {
                let index = run.below(out.len());
                if let Selection::Field(previous) = &out[index]
                    && previous.name != "__typename"
                {
                    let mut again = previous.clone();
                    let definition = all.iter().find(|(name, _)| *name == previous.name);
                    if let Some((_, definition)) = definition
                        && self.is_composite(&definition.ty)
                    {
                        let inner_type = definition.ty.inner_named_type().to_string();
                        let count = 1 + run.below(2);
                        again.selections =
                            self.selection_set(run, &inner_type, depth + 1, count, false);
                    }
                    again.directives = self.directives(run, 20);
                    out.push(Selection::Field(again));
                    continue;
                }
            }
            if run.chance(5) {
                out.push(Selection::Field(self.typename(run, keys)));
                continue;
            }
            let (name, definition) = *candidates[run.below(candidates.len())];
            let key_taken = keys.contains(name);
            let alias = if key_taken || run.chance(15) {
                Some(run.fresh(name))
            } else {
                None
            };
            keys.insert(alias.clone().unwrap_or_else(|| name.to_owned()));
            let arguments = self.arguments(run, type_name, name, definition);
            let selections = if self.is_composite(&definition.ty) {
                let inner_type = definition.ty.inner_named_type().to_string();
                let inner_count = 1 + run.below(self.shape.max_fields);
                self.selection_set(run, &inner_type, depth + 1, inner_count, false)
            } else {
                Vec::new()
            };
            let mut field = Field {
                alias,
                name: name.to_owned(),
                arguments,
                directives: Vec::new(),
                selections,
            };
            field.directives = self.directives(run, 12);
            out.push(Selection::Field(field));
        }
        out
    }

    fn directives(&self, run: &mut Run, percent: u64) -> Vec<Directive> {
        let mut out = Vec::new();
        if run.chance(percent) {
            let name = if run.chance(50) { "skip" } else { "include" };
            let value = run.chance(50);
            let condition = if run.chance(50) {
                let variable = run.fresh("b");
                run.variables.push(VariableDefinition {
                    name: variable.clone(),
                    ty: "Boolean!".to_owned(),
                    value: json!(value),
                });
                Arg::Variable(variable)
            } else {
                Arg::Literal(value.to_string())
            };
            out.push(Directive { name, condition });
        }
        out
    }

    fn arguments(
        &self,
        run: &mut Run,
        type_name: &str,
        field_name: &str,
        definition: &FieldDefinition,
    ) -> Vec<(String, Arg)> {
        let mut out = Vec::new();
        for argument in &definition.arguments {
            let required = argument.ty.is_non_null() && argument.default_value.is_none();
            if !required && run.chance(45) {
                continue;
            }
            let value = self.argument_value(
                run,
                type_name,
                field_name,
                argument.name.as_str(),
                &argument.ty,
            );
            let is_enum = matches!(
                self.schema
                    .types
                    .get(argument.ty.inner_named_type().as_str()),
                Some(ExtendedType::Enum(_))
            );
            let arg = if run.chance(30) {
                let variable = run.fresh("v");
                run.variables.push(VariableDefinition {
                    name: variable.clone(),
                    ty: argument.ty.to_string(),
                    value,
                });
                Arg::Variable(variable)
            } else {
                Arg::Literal(literal(&value, is_enum))
            };
            out.push((argument.name.to_string(), arg));
        }
        out
    }

    /// A value for an argument, from the seed data: mostly valid, sometimes not.
    fn argument_value(
        &self,
        run: &mut Run,
        type_name: &str,
        field_name: &str,
        argument: &str,
        ty: &Type,
    ) -> Value {
        let nullable = !ty.is_non_null();
        if nullable && run.chance(5) {
            return Value::Null;
        }
        let bad = run.chance(8);
        let id = |run: &mut Run, max: u32| -> Value {
            if bad {
                let pick = ["0", "999999", "abc", "-1"];
                json!(pick[run.below(pick.len())])
            } else {
                json!((1 + run.below(max as usize)).to_string())
            }
        };
        match (type_name, field_name, argument) {
            ("Query", "user", "id") => return id(run, self.size.users),
            ("Query", "product", "id") => return id(run, self.size.products),
            ("Query", "review", "id") => return id(run, self.size.reviews),
            ("Query", "order", "id") => return id(run, 12),
            // Never an id of no product: carts and reviews take any well-formed id, and a
            // product reference that leads nowhere answers differently by design (the
            // monolith's resolver fails, the router gets a null entity). Malformed ids stay.
            ("Mutation", _, "productId") if bad => {
                return json!(["0", "abc", "-1"][run.below(3)]);
            }
            ("Mutation", _, "productId") => return id(run, self.size.products),
            ("Mutation", _, "quantity") => {
                return if bad {
                    let pick = [0, -1, 100, 1000];
                    json!(pick[run.below(pick.len())])
                } else {
                    json!(1 + run.below(5))
                };
            }
            ("Mutation", _, "rating") => {
                return if bad {
                    json!([0, 6, -1][run.below(3)])
                } else {
                    json!(1 + run.below(5))
                };
            }
            ("Mutation", _, "body") => {
                return if bad {
                    json!(["", "   "][run.below(2)])
                } else {
                    json!(REVIEW_BODIES[run.below(REVIEW_BODIES.len())])
                };
            }
            ("Query", "productBySku", "sku") => {
                return if bad {
                    let pick = ["SKU-999999", "SKU-12", "nope"];
                    json!(pick[run.below(pick.len())])
                } else {
                    json!(format!(
                        "SKU-{:06}",
                        1 + run.below(self.size.products as usize)
                    ))
                };
            }
            (_, _, "text") => return json!(SEARCH_TEXTS[run.below(SEARCH_TEXTS.len())]),
            (_, _, "after") => {
                return if bad {
                    json!("not-a-cursor")
                } else {
                    json!(encode_cursor(run.below(30) as i64))
                };
            }
            (_, _, "threshold") => {
                return if bad { json!(-1) } else { json!(run.below(12)) };
            }
            (_, _, "first") => {
                return if bad {
                    let pick = [0, -1, 101];
                    json!(pick[run.below(pick.len())])
                } else {
                    json!(1 + run.below(4))
                };
            }
            _ => {}
        }
        let named = ty.inner_named_type().as_str();
        if let Some(ExtendedType::Enum(enumeration)) = self.schema.types.get(named) {
            let values: Vec<&str> = enumeration.values.keys().map(|v| v.as_str()).collect();
            return json!(values[run.below(values.len())]);
        }
        match named {
            "Int" => json!(1 + run.below(3)),
            "Float" => json!(1.5),
            "Boolean" => json!(run.chance(50)),
            "ID" => json!((1 + run.below(10)).to_string()),
            _ => json!("a"),
        }
    }
}

/// A JSON value as a GraphQL literal (`enum`: strings printed bare).
fn literal(value: &Value, is_enum: bool) -> String {
    match value {
        Value::String(text) if is_enum => text.clone(),
        Value::String(text) => Value::String(text.clone()).to_string(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| literal(item, is_enum)).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}
