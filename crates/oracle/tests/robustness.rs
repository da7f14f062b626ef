//! The oracle never crashes: arbitrary bytes, invalid UTF-8, pathological
//! nesting and very large files all give a report.

use hexacoder_oracle::{analyse, Language, RuleFilter, SourceFile};
use proptest::prelude::*;

fn run_big_stack<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new()
        .stack_size(hexacoder_oracle::analysis::ANALYSIS_STACK)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn ten_thousand_levels_of_nesting_do_not_overflow() {
    run_big_stack(|| {
        let depth = 10_000;
        let py = format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth));
        let r = analyse(
            &SourceFile::new("deep.py", Language::Python, py),
            &RuleFilter::default(),
        );
        assert_eq!(r.findings.len(), 0);
        let mut nested_if = String::from("import os\n");
        for i in 0..2000 {
            nested_if.push_str(&" ".repeat(i));
            nested_if.push_str("if a:\n");
        }
        nested_if.push_str(&" ".repeat(2000));
        nested_if.push_str("os.system(input())\n");
        analyse(
            &SourceFile::new("deep_if.py", Language::Python, nested_if),
            &RuleFilter::default(),
        );
        let c = format!(
            "int f(void) {{ return {}1{}; }}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        analyse(
            &SourceFile::new("deep.c", Language::C, c),
            &RuleFilter::default(),
        );
        let blocks = format!(
            "void f(void) {{ {} free(p); p[0] = 1; {} }}\n",
            "{".repeat(depth),
            "}".repeat(depth)
        );
        analyse(
            &SourceFile::new("blocks.c", Language::C, blocks),
            &RuleFilter::default(),
        );
    });
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "minutes in a debug build; the README runs tests with --release"
)]
fn a_twenty_megabyte_file_is_analysed() {
    run_big_stack(|| {
        let unit = "def f(x):\n    return eval(x)\n\n";
        let py = unit.repeat(20 * 1024 * 1024 / unit.len());
        let r = analyse(
            &SourceFile::new("big.py", Language::Python, py),
            &RuleFilter::default(),
        );
        assert!(r.findings.len() > 100_000);
        let cunit = "int g(char *s) { char b[8]; strcpy(b, s); return 0; }\n";
        let c = cunit.repeat(20 * 1024 * 1024 / cunit.len());
        let r = analyse(
            &SourceFile::new("big.c", Language::C, c),
            &RuleFilter::default(),
        );
        assert!(r.findings.len() > 100_000);
    });
}

#[test]
fn invalid_utf8_is_reported_not_fatal() {
    let bytes = b"import os\nx = '\xff\xfe'\nos.system(input())\n".to_vec();
    let file = SourceFile::from_bytes("bad.py", Language::Python, bytes);
    let r = analyse(&file, &RuleFilter::default());
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("invalid UTF-8 at byte 15")));
    assert_eq!(r.findings.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), c in any::<bool>()) {
        let lang = if c { Language::C } else { Language::Python };
        let file = SourceFile::from_bytes("fuzz", lang, bytes);
        let r = analyse(&file, &RuleFilter::default());
        for f in &r.findings {
            prop_assert!(f.span.start_byte <= f.span.end_byte);
            prop_assert!(f.span.end_byte <= file.text.len());
        }
    }

    #[test]
    fn code_like_token_soup_never_panics(
        tokens in proptest::collection::vec(prop::sample::select(vec![
            "import os", "from flask import request", "def f(x):", "if x:", "else:", "return", "os.system(",
            "request.args['a']", ")", "(", "[", "]", "{", "}", "\n", "    ", "+", "%", "f'{x}'", "'s'",
            "for i in x:", "while 1:", "try:", "except:", "x =", "eval(", "free(p);", "p->a", "char b[10];",
            "strcpy(b, s);", "int main(int argc, char *argv[])", ";", "*", "&", "#include <stdio.h>",
        ]), 0..200),
        c in any::<bool>()
    ) {
        let code: String = tokens.join(" ");
        let lang = if c { Language::C } else { Language::Python };
        let r = analyse(&SourceFile::new("soup", lang, code), &RuleFilter::default());
        prop_assert!(r.findings.iter().all(|f| f.cwe.number() > 0));
    }
}
