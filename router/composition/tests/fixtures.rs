//! Fixture-driven composition tests: each `fixtures/<case>/subgraphs/*.graphql` (with an
//! optional `urls.txt` of `name url` lines) is composed and the supergraph SDL (or the
//! diagnostics) is snapshotted next to the fixture. Cases whose name says `rejected` must
//! fail; all others must compose.

use std::path::{Path, PathBuf};

use composition::{SubgraphSdl, compose, render};

fn load_case(dir: &Path) -> anyhow::Result<Vec<SubgraphSdl>> {
    let urls = std::fs::read_to_string(dir.join("urls.txt")).unwrap_or_default();
    let mut subgraphs = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("subgraphs"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for file in files {
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| anyhow::anyhow!("bad file name {}", file.display()))?
            .to_string();
        let url = urls
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_string))
            .unwrap_or_else(|| format!("http://{name}"));
        subgraphs.push(SubgraphSdl::new(name, url, std::fs::read_to_string(&file)?));
    }
    Ok(subgraphs)
}

#[test]
fn fixtures_compose_as_snapshotted() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    cases.retain(|p| p.is_dir());
    cases.sort();
    assert!(cases.len() > 10, "fixtures missing");
    let mut wrong_outcome = Vec::new();
    for case in cases {
        let name = case
            .file_name()
            .and_then(|s| s.to_str())
            .ok_or_else(|| anyhow::anyhow!("bad case name"))?
            .to_string();
        let subgraphs = load_case(&case)?;
        let result = compose(&subgraphs);
        let expect_failure = name.contains("rejected");
        let text = match &result {
            Ok(supergraph) => {
                let mut text = supergraph.sdl.clone();
                if !supergraph.hints.is_empty() {
                    text.push_str("\n# hints\n");
                    for hint in &supergraph.hints {
                        text.push_str(&format!("{hint}\n"));
                    }
                }
                text
            }
            Err(diagnostics) => render(diagnostics),
        };
        // What we print must be a valid GraphQL schema (directive definitions included).
        if let Ok(supergraph) = &result
            && let Err(errors) = apollo_compiler::Schema::parse_and_validate(&supergraph.sdl, &name)
        {
            wrong_outcome.push(format!(
                "{name}: the supergraph is not a valid schema: {}",
                errors.errors
            ));
        }
        if result.is_ok() == expect_failure {
            wrong_outcome.push(format!("{name}:\n{text}"));
        }
        let stale = case.join(if result.is_ok() {
            "diagnostics.snap"
        } else {
            "supergraph.snap"
        });
        if stale.exists() {
            wrong_outcome.push(format!("{name}: stale snapshot {}", stale.display()));
        }
        insta::with_settings!({
            snapshot_path => case.clone(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => name.clone(),
        }, {
            insta::assert_snapshot!(if result.is_ok() { "supergraph" } else { "diagnostics" }, text);
        });
    }
    assert!(
        wrong_outcome.is_empty(),
        "unexpected outcome:\n{}",
        wrong_outcome.join("\n\n")
    );
    Ok(())
}
