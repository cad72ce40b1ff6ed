//! Fixed plans (root fetch, entity fetches in lists, `@requires`, `@provides`, abstract types,
//! a condition, a mutation sequence) run against subgraphs whose answers come from the input:
//! transport failures, raw JSON text, or trees shaped after the fetch's own query with wrong
//! types, nulls, missing and extra keys, wrong `__typename`s and wrong entity counts. The
//! executor must never panic, and its response must be valid for the operation
//! ([`crate::check`]).

use std::sync::{Mutex, OnceLock};

use arbitrary::{Result, Unstructured};
use executor::{Executor, FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use operation::apollo_compiler::Schema;
use operation::apollo_compiler::ast::{self, Definition, Document};
use operation::apollo_compiler::schema::ExtendedType;
use operation::{Compiler, PreparedOperation};
use planner::{PlanOptions, Planner, QueryPlan};
use serde_json::{Map, Value, json};

use crate::check::Checker;
use crate::{compiler, load, schemas};

/// Operations over the real supergraph, each with its variables.
const OPERATIONS: &[(&str, &str)] = &[
    (
        "{ topProducts { id name price inStock shippingEstimate category \
           reviews { id rating body author { id username name } } } }",
        "{}",
    ),
    (
        "query ($all: Boolean!) { search(text: \"a\") { __typename \
           ... on Product { id name averageRating reviews @include(if: $all) { rating } } \
           ... on CategoryMatch { category productCount } } \
           product(id: \"p1\") { id weight dimensions { width height depth } quantityAvailable } }",
        "{\"all\": true}",
    ),
    (
        "{ me { id name reviews { id product { id name reviewCount } } cart { id } } \
           latestReviews { a: author { username } product { sku inStock } } }",
        "{}",
    ),
    (
        "mutation { addToCart(productId: \"p1\", quantity: 2) { id } \
           addReview(productId: \"p1\", rating: 5, body: \"x\") { id rating product { name } } }",
        "{}",
    ),
];

struct Fixed {
    compiler: Compiler,
    executor: Executor,
    /// The full supergraph schema: the subgraphs' types, for shaping answers.
    schema: Schema,
    cases: Vec<(PreparedOperation, QueryPlan)>,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let supergraph = load(schemas::SUPERGRAPH);
        let compiler = compiler(&supergraph);
        let executor = Executor::new(compiler.schema().clone());
        let schema = supergraph.schema.clone().into_inner();
        let planner = Planner::new(std::sync::Arc::new(supergraph));
        let cases = OPERATIONS
            .iter()
            .map(|(query, variables)| {
                let variables: Map<String, Value> =
                    serde_json::from_str(variables).expect("variables are JSON");
                let prepared = compiler
                    .compile(query, None, &variables)
                    .unwrap_or_else(|e| panic!("{query}: {e}"));
                let input = planner::PreparedOperation::from_normalized(
                    prepared.parsed().for_planner(),
                    compiler.schema(),
                )
                .expect("plannable");
                let plan = planner
                    .plan(&input.input(), &PlanOptions::default())
                    .unwrap_or_else(|e| panic!("{query}: {e}"));
                (prepared, plan)
            })
            .collect();
        Fixed {
            compiler,
            executor,
            schema,
            cases,
        }
    })
}

pub fn run(data: &[u8]) {
    let fixed = fixed();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (prepared, plan) = &fixed.cases[usize::from(first) % fixed.cases.len()];
    let transport = Answers {
        schema: &fixed.schema,
        input: Mutex::new(rest),
    };
    let response = futures::executor::block_on(fixed.executor.execute_prepared(
        &fixed.compiler,
        prepared,
        plan,
        &transport,
    ));
    let serialized = serde_json::to_value(&response).expect("a response serializes");
    let checker = Checker {
        schema: fixed.compiler.schema(),
        variables: prepared.variables(),
    };
    if let Err(problem) = checker.response(prepared.normalized(), &serialized) {
        panic!("an invalid response: {problem}\n{serialized:#}");
    }
}

/// Subgraphs answering from the fuzz input, in the order the executor asks.
struct Answers<'a> {
    schema: &'a Schema,
    input: Mutex<&'a [u8]>,
}

#[async_trait::async_trait]
impl SubgraphTransport for Answers<'_> {
    async fn fetch(
        &self,
        request: SubgraphRequest<'_>,
    ) -> std::result::Result<SubgraphResponse, FetchError> {
        let mut input = self.input.lock().expect("no panics while holding it");
        let bytes: &[u8] = *input;
        let mut u = Unstructured::new(bytes);
        let answer = answer(self.schema, &request, &mut u);
        let used = bytes.len() - u.len();
        *input = &bytes[used..];
        answer.unwrap_or_else(|_| {
            // Out of input: the subgraph answers nothing useful.
            Ok(SubgraphResponse::default())
        })
    }
}

type Answer = std::result::Result<SubgraphResponse, FetchError>;

fn answer(
    schema: &Schema,
    request: &SubgraphRequest<'_>,
    u: &mut Unstructured<'_>,
) -> Result<Answer> {
    let service = request.service_name.to_string();
    Ok(match u.int_in_range(0u8..=15)? {
        0 => Err(FetchError::Timeout {
            service,
            timeout: std::time::Duration::from_secs(1),
        }),
        1 => Err(FetchError::HttpStatus {
            service,
            status: 500,
        }),
        2 => Err(FetchError::InvalidResponse {
            service,
            reason: "fuzz".to_string(),
        }),
        3 | 4 => {
            // The body as raw JSON text, read as the HTTP transport reads it.
            let text: &str = u.arbitrary()?;
            match serde_json::from_str::<Value>(text) {
                Ok(body) => Ok(from_body(body)),
                Err(e) => Err(FetchError::InvalidResponse {
                    service,
                    reason: e.to_string(),
                }),
            }
        }
        _ => shaped(schema, request, u)?,
    })
}

fn from_body(body: Value) -> SubgraphResponse {
    let Value::Object(mut body) = body else {
        return SubgraphResponse::default();
    };
    SubgraphResponse {
        data: body.remove("data").map(executor::Value::from),
        errors: match body.remove("errors") {
            Some(Value::Array(errors)) => errors,
            _ => Vec::new(),
        },
        extensions: body.remove("extensions"),
    }
}

/// An answer shaped after the fetch's query: mostly right, sometimes wrong on purpose.
fn shaped(
    schema: &Schema,
    request: &SubgraphRequest<'_>,
    u: &mut Unstructured<'_>,
) -> Result<Answer> {
    let Ok(document) = Document::parse(request.query, "fetch.graphql") else {
        panic!("the executor sent an unparsable query:\n{}", request.query);
    };
    let Some(operation) = document.definitions.iter().find_map(|d| match d {
        Definition::OperationDefinition(o) => Some(o),
        _ => None,
    }) else {
        panic!("the executor sent no operation:\n{}", request.query);
    };
    let root = match operation.operation_type {
        ast::OperationType::Mutation => "Mutation",
        _ => "Query",
    };
    let representations: Vec<Option<String>> = match request.variables.get("representations") {
        Some(executor::Value::Array(items)) => items
            .iter()
            .map(|r| {
                r.get("__typename")
                    .and_then(|t| t.as_str())
                    .map(str::to_string)
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut shaper = Shaper {
        schema,
        representations,
        budget: 400,
    };
    let data = if u.ratio(1, 16)? {
        Value::Null
    } else {
        shaper.object(u, &operation.selection_set, root, None)?
    };
    let mut errors = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        errors.push(error(u)?);
    }
    let mut body = json!({ "data": data, "errors": errors });
    if u.ratio(1, 16)? {
        body.as_object_mut().expect("an object").remove("data");
    }
    Ok(Ok(from_body(body)))
}

fn error(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut path = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        path.push(if u.arbitrary()? {
            json!(u.int_in_range(0..=3)?)
        } else {
            json!(*u.choose(&["_entities", "topProducts", "reviews", "author", "x"])?)
        });
    }
    let mut error = json!({ "message": "boom" });
    if u.arbitrary()? {
        error["path"] = Value::Array(path);
    }
    if u.arbitrary()? {
        error["extensions"] = json!({ "code": "BAD" });
    }
    if u.ratio(1, 10)? {
        error = json!(u.choose(&["not an object", ""])?);
    }
    Ok(error)
}

struct Shaper<'a> {
    schema: &'a Schema,
    /// The `__typename`s of an entity fetch's representations, in order.
    representations: Vec<Option<String>>,
    /// Values left to build: bounds the answer whatever the input.
    budget: usize,
}

impl Shaper<'_> {
    fn object(
        &mut self,
        u: &mut Unstructured<'_>,
        selections: &[ast::Selection],
        ty: &str,
        typename: Option<&str>,
    ) -> Result<Value> {
        let mut object = Map::new();
        self.fill(u, selections, ty, typename.unwrap_or(ty), &mut object)?;
        if u.ratio(1, 32)? {
            object.insert("unexpected".to_string(), json!(1));
        }
        Ok(Value::Object(object))
    }

    fn fill(
        &mut self,
        u: &mut Unstructured<'_>,
        selections: &[ast::Selection],
        ty: &str,
        typename: &str,
        object: &mut Map<String, Value>,
    ) -> Result<()> {
        for selection in selections {
            match selection {
                ast::Selection::Field(field) => {
                    if u.ratio(1, 32)? {
                        continue;
                    }
                    let key = field.alias.as_ref().unwrap_or(&field.name).to_string();
                    let value = if field.name == "__typename" {
                        if u.ratio(1, 16)? {
                            json!(*u.choose(&["Product", "User", "Review", "Nope"])?)
                        } else {
                            json!(typename)
                        }
                    } else if field.name == "_entities" {
                        self.entities(u, &field.selection_set)?
                    } else {
                        let ty = self
                            .schema
                            .type_field(ty, &field.name)
                            .map(|f| f.ty.clone())
                            .ok();
                        match ty {
                            Some(ty) => self.value(u, &ty, &field.selection_set)?,
                            None => self.leaf(u, "String")?,
                        }
                    };
                    object.insert(key, value);
                }
                ast::Selection::InlineFragment(fragment) => {
                    let applies = fragment
                        .type_condition
                        .as_ref()
                        .is_none_or(|c| c == typename || self.schema.is_subtype(c, typename));
                    if applies || u.ratio(1, 16)? {
                        self.fill(u, &fragment.selection_set, typename, typename, object)?;
                    }
                }
                ast::Selection::FragmentSpread(_) => {}
            }
        }
        Ok(())
    }

    fn entities(
        &mut self,
        u: &mut Unstructured<'_>,
        selections: &[ast::Selection],
    ) -> Result<Value> {
        let mut count = self.representations.len();
        if u.ratio(1, 16)? {
            count = u.int_in_range(0..=count + 1)?;
        }
        let mut items = Vec::new();
        for i in 0..count {
            if u.ratio(1, 16)? {
                items.push(Value::Null);
                continue;
            }
            let typename = self
                .representations
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| "Product".to_string());
            items.push(self.object(u, selections, &typename, Some(&typename))?);
        }
        Ok(Value::Array(items))
    }

    fn value(
        &mut self,
        u: &mut Unstructured<'_>,
        ty: &ast::Type,
        selections: &[ast::Selection],
    ) -> Result<Value> {
        if self.budget == 0 {
            return Ok(Value::Null);
        }
        self.budget -= 1;
        if u.ratio(1, if ty.is_non_null() { 32 } else { 8 })? {
            return Ok(Value::Null);
        }
        if ty.is_list() {
            if u.ratio(1, 32)? {
                return self.value(u, ty.item_type(), selections);
            }
            let mut items = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                items.push(self.value(u, ty.item_type(), selections)?);
            }
            return Ok(Value::Array(items));
        }
        let name = ty.inner_named_type().as_str();
        match self.schema.types.get(name) {
            Some(ExtendedType::Object(_)) => self.object(u, selections, name, Some(name)),
            Some(ExtendedType::Interface(_) | ExtendedType::Union(_)) => {
                let possible: Vec<&str> = self
                    .schema
                    .types
                    .iter()
                    .filter(|(n, t)| {
                        matches!(t, ExtendedType::Object(_)) && self.schema.is_subtype(name, n)
                    })
                    .map(|(n, _)| n.as_str())
                    .collect();
                let typename = if possible.is_empty() {
                    name
                } else {
                    *u.choose(&possible)?
                };
                self.object(u, selections, name, Some(typename))
            }
            _ => self.leaf(u, name),
        }
    }

    fn leaf(&mut self, u: &mut Unstructured<'_>, name: &str) -> Result<Value> {
        if u.ratio(1, 12)? {
            // The wrong type.
            return Ok(match u.int_in_range(0..=5)? {
                0 => json!(1.5),
                1 => json!("s"),
                2 => json!(true),
                3 => json!({}),
                4 => json!([1]),
                _ => json!(i64::MAX),
            });
        }
        Ok(match name {
            "Int" => json!(u.arbitrary::<i32>()?),
            "Float" => json!(f64::from(u.arbitrary::<i32>()?) / 8.0),
            "Boolean" => json!(u.arbitrary::<bool>()?),
            "ID" if u.ratio(1, 4)? => json!(u.int_in_range(0..=9)?),
            "String" | "ID" => json!(*u.choose(&["p1", "u1", "", "é😀"])?),
            _ => match self.schema.types.get(name) {
                Some(ExtendedType::Enum(e)) => {
                    let values: Vec<&str> = e.values.keys().map(|v| v.as_str()).collect();
                    if values.is_empty() || u.ratio(1, 8)? {
                        json!("NOT_A_VALUE")
                    } else {
                        json!(*u.choose(&values)?)
                    }
                }
                _ => json!(*u.choose(&["2024-01-01T00:00:00Z", "x"])?),
            },
        })
    }
}
