//! Every file of the checked-in corpus (`fuzz/corpus/<target>/`) and of the regressions found
//! by fuzzing (`fuzz/regressions/<target>/`) through its target, without libFuzzer: what
//! `scripts/fuzz smoke` runs in CI.

use std::path::Path;

#[test]
fn every_corpus_and_regression_input_runs_through_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut ran = 0;
    for folder in ["corpus", "regressions"] {
        let Ok(targets) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for target in targets {
            let target = target.expect("a readable folder").path();
            let name = target
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let run = fuzz_targets::by_name(&name)
                .unwrap_or_else(|| panic!("{}: no target named {name}", target.display()));
            for input in std::fs::read_dir(&target).expect("a readable folder") {
                let input = input.expect("a readable entry").path();
                let data = std::fs::read(&input).expect("a readable file");
                eprintln!("{}", input.display());
                run(&data);
                ran += 1;
            }
        }
    }
    assert!(ran > 0, "no corpus found under {}", root.display());
}
