//! The GraphiQL playground page: schema docs (introspection), a headers editor, and a "Query
//! plan" panel fed by `extensions.queryPlan` (the page sends `x-query-plan: true`).
//!
//! Assets come from `<assets_url>/react@18.3.1/umd/...`, `<assets_url>/react-dom@18.3.1/umd/...`
//! and `<assets_url>/graphiql@3.8.3/...`: the layout of unpkg, so a self-hosted copy only needs
//! the same paths.

const REACT: &str = "react@18.3.1/umd/react.production.min.js";
const REACT_DOM: &str = "react-dom@18.3.1/umd/react-dom.production.min.js";
const GRAPHIQL_JS: &str = "graphiql@3.8.3/graphiql.min.js";
const GRAPHIQL_CSS: &str = "graphiql@3.8.3/graphiql.min.css";

const DEFAULT_QUERY: &str = r#"# Welcome to the shop's federated graph.
# The "Query plan" tab on the left shows how the router split the last query across subgraphs.
query CartWithStock {
  user(id: "1") {
    username
    cart {
      items {
        quantity
        product {
          name
          price
          inStock
          shippingEstimate
        }
      }
    }
  }
}
"#;

/// The page, with assets loaded from `assets_url` and queries sent to `endpoint`.
pub fn html(assets_url: &str, endpoint: &str) -> String {
    let base = assets_url.trim_end_matches('/');
    let asset = |path: &str| escape_attribute(&format!("{base}/{path}"));
    TEMPLATE
        .replace("{{GRAPHIQL_CSS}}", &asset(GRAPHIQL_CSS))
        .replace("{{REACT}}", &asset(REACT))
        .replace("{{REACT_DOM}}", &asset(REACT_DOM))
        .replace("{{GRAPHIQL_JS}}", &asset(GRAPHIQL_JS))
        .replace("{{ENDPOINT}}", &js_string(endpoint))
        .replace("{{DEFAULT_QUERY}}", &js_string(DEFAULT_QUERY))
}

fn escape_attribute(raw: &str) -> String {
    raw.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A JSON string literal is a JS string literal; `</` is escaped so it cannot end the script.
fn js_string(raw: &str) -> String {
    serde_json::Value::String(raw.to_owned())
        .to_string()
        .replace("</", "<\\/")
}

const TEMPLATE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Shop router · GraphiQL</title>
  <link rel="stylesheet" href="{{GRAPHIQL_CSS}}">
  <style>
    html, body, #graphiql { height: 100%; margin: 0; }
    .query-plan { font-family: monospace; font-size: 12px; white-space: pre; overflow: auto; margin: 0; }
    .query-plan-empty { color: #888; }
  </style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script crossorigin src="{{REACT}}"></script>
  <script crossorigin src="{{REACT_DOM}}"></script>
  <script crossorigin src="{{GRAPHIQL_JS}}"></script>
  <script>
    const endpoint = {{ENDPOINT}};
    const h = React.createElement;

    // The latest query plan, shared with the plan panel.
    let latestPlan = null;
    const listeners = new Set();
    function setPlan(plan) {
      latestPlan = plan;
      listeners.forEach((listener) => listener(plan));
    }

    // GraphiQL updates the operation name a moment after an edit: a query run right after
    // typing can carry the previous document's name. Keep it only if the document has it.
    function reconcileOperationName(params) {
      if (!params.operationName || typeof params.query !== 'string') return params;
      const names = [...params.query.matchAll(/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g)]
        .map((match) => match[1]);
      if (names.includes(params.operationName)) return params;
      return Object.assign({}, params, { operationName: names.length === 1 ? names[0] : undefined });
    }

    async function fetcher(graphQLParams, options) {
      const params = reconcileOperationName(graphQLParams);
      const headers = Object.assign(
        {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json;q=0.9',
          'x-query-plan': 'true',
        },
        (options && options.headers) || {},
      );
      const response = await fetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(params),
      });
      const body = await response.json();
      if (body && body.extensions && body.extensions.queryPlan) {
        if (params.operationName !== 'IntrospectionQuery') {
          setPlan(body.extensions.queryPlan.text);
        }
        delete body.extensions.queryPlan;
        if (Object.keys(body.extensions).length === 0) delete body.extensions;
      }
      return body;
    }

    function PlanPanel() {
      const [plan, setLocalPlan] = React.useState(latestPlan);
      React.useEffect(() => {
        listeners.add(setLocalPlan);
        return () => listeners.delete(setLocalPlan);
      }, []);
      return h('div', null,
        h('div', { className: 'graphiql-doc-explorer-title' }, 'Query plan'),
        plan
          ? h('pre', { className: 'query-plan' }, plan)
          : h('p', { className: 'query-plan-empty' }, 'Run a query to see how the router plans it.'),
      );
    }

    const planPlugin = {
      title: 'Query plan',
      icon: () => h('span', { style: { fontWeight: 'bold', fontSize: '11px' } }, 'QP'),
      content: PlanPanel,
    };

    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      h(GraphiQL, {
        fetcher,
        plugins: [planPlugin],
        defaultQuery: {{DEFAULT_QUERY}},
        defaultHeaders: JSON.stringify({ 'x-user-id': '1' }, null, 2),
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: true,
      }),
    );
  </script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_assets_from_the_configured_base() {
        let page = html("http://assets.local/static/", "/graphql");
        assert!(
            page.contains(r#"href="http://assets.local/static/graphiql@3.8.3/graphiql.min.css""#)
        );
        assert!(page.contains(
            r#"src="http://assets.local/static/react@18.3.1/umd/react.production.min.js""#
        ));
        assert!(page.contains(r#"const endpoint = "/graphql";"#));
        assert!(!page.contains("{{"));
    }

    #[test]
    fn escapes_the_base_url() {
        let page = html(r#"http://x/"><script>"#, "/graphql");
        assert!(!page.contains(r#""><script>"#));
    }
}
