//! Token weights against the reference (Hugging Face tokenizer offsets + `char_to_token`),
//! and dataset errors.

use hexacoder_model::gguf::GgufFile;
use hexacoder_model::store::locate;
use hexacoder_model::tokenizer::Tokenizer;
use hexacoder_train::data::{load, token_weights, Change};
use serde_json::Value;

fn tokenizer() -> Tokenizer {
    let path = locate("smollm2").expect("the embedded model (bash scripts/setup)");
    Tokenizer::from_gguf(&GgufFile::open(path.path()).unwrap()).unwrap()
}

#[test]
fn token_weights_equal_the_reference_for_20_rows() {
    let tok = tokenizer();
    let path = format!(
        "{}/tests/fixtures/token-weights.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let rows: Vec<Value> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 20);
    let mut weighted = 0;
    for row in &rows {
        let changes: Vec<Change> = serde_json::from_value(row["changes"].clone()).unwrap();
        let (ids, weights) =
            token_weights(&tok, row["text"].as_str().unwrap(), Some(&changes)).unwrap();
        let want_ids: Vec<u32> = serde_json::from_value(row["ids"].clone()).unwrap();
        let want: Vec<f32> = row["weights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_f64().unwrap() as f32)
            .collect();
        assert_eq!(ids, want_ids, "row {}", row["id"]);
        assert_eq!(weights, want, "row {}", row["id"]);
        weighted += want.iter().filter(|&&w| w > 0.0).count();
    }
    assert!(weighted > 500);
}

#[test]
fn rows_without_changes_weigh_every_token_and_long_rows_are_cut_or_skipped() {
    let tok = tokenizer();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    let long = "x = 1\n".repeat(200);
    let late = long.chars().count() - 3;
    let rows = [
        serde_json::json!({"text": "def f():\n    return 1\n"}),
        serde_json::json!({"text": long, "changes": [{"char_start": 0, "char_end": 5, "chars": "x = 1"}]}),
        serde_json::json!({"text": long, "changes": [{"char_start": late, "char_end": late + 2, "chars": "1\n"}]}),
    ];
    std::fs::write(
        &path,
        rows.iter()
            .map(|r| r.to_string() + "\n")
            .collect::<String>(),
    )
    .unwrap();
    let (examples, report) = load(&path, &tok, 64, false).unwrap();
    assert_eq!(report.rows, 3);
    assert_eq!(report.examples, 2);
    assert_eq!(report.truncated, 2);
    assert_eq!(report.skipped_no_weighted_tokens, 1);
    assert!(examples[0].weights.iter().all(|&w| w == 1.0));
    assert_eq!(examples[1].ids.len(), 64);
    assert_eq!(examples[1].line, 2);
}

#[test]
fn malformed_rows_name_the_line_and_field_or_are_skipped() {
    let tok = tokenizer();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("{\"text\": 5}", "`text` is not a string"),
        ("{\"changes\": []}", "`text` is missing"),
        ("not json", "not a JSON object"),
        (
            "{\"text\": \"abc\", \"changes\": [{\"char_start\": 2, \"char_end\": 9}]}",
            "changes[0]",
        ),
        (
            "{\"text\": \"abc\", \"changes\": [{\"char_start\": \"a\", \"char_end\": 1}]}",
            "changes[0]",
        ),
    ];
    for (row, message) in cases {
        let path = dir.path().join("bad.jsonl");
        std::fs::write(&path, format!("{{\"text\": \"ok = 1\"}}\n{row}\n")).unwrap();
        let err = load(&path, &tok, 512, false).unwrap_err().to_string();
        assert!(
            err.contains("bad.jsonl:2:") && err.contains(message),
            "{err}"
        );
        let (examples, report) = load(&path, &tok, 512, true).unwrap();
        assert_eq!((examples.len(), report.skipped_bad), (1, 1));
    }
}

/// Instruct-style rows: the program's tokens and weights are exactly the plain row's, shifted
/// by the chat template's frame, and no frame token carries weight (the masked loss never
/// trains on the template), on the 20 reference rows.
#[test]
fn chat_rows_weigh_the_plain_rows_tokens_shifted_by_the_template() {
    use hexacoder_model::style::{PromptKind, Template};
    use hexacoder_train::data::{chat_token_weights, program_start, ChatFormat};
    let tok = tokenizer();
    let format = ChatFormat {
        template: Template::bundled(PromptKind::Security),
        end_weight: 0.0,
    };
    let path = format!(
        "{}/tests/fixtures/token-weights.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = 0;
    for line in text.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        let program = row["text"].as_str().unwrap();
        let changes: Vec<Change> = serde_json::from_value(row["changes"].clone()).unwrap();
        let (plain_ids, plain_w) = token_weights(&tok, program, Some(&changes)).unwrap();
        let (ids, w, start) =
            chat_token_weights(&tok, &format, program, Some(&changes), None, None, None).unwrap();
        let end = start + plain_ids.len();
        assert_eq!(&ids[start..end], &plain_ids[..], "row {}", row["id"]);
        assert_eq!(&w[start..end], &plain_w[..], "row {}", row["id"]);
        assert!(w[..start].iter().chain(&w[end..]).all(|&x| x == 0.0));
        assert_eq!(ids.len(), w.len());
        // The frame is SmolLM2's own: its default system turn, the user message with the
        // program's start, the assistant header and the fence; after the program, the closing
        // fence and the end of turn.
        let head = tok.decode(&ids[..start]).unwrap();
        let raw_head: String = ids[..start]
            .iter()
            .map(|&i| tok.id_to_token(i).unwrap())
            .collect();
        assert!(raw_head.starts_with("<|im_start|>system"), "{raw_head}");
        assert!(head.contains("You are a helpful AI assistant named SmolLM"));
        let lang = if program.contains("#include") {
            "c"
        } else {
            "python"
        };
        assert!(
            head.ends_with(&format!("\nassistant\n```{lang}\n")),
            "{head}"
        );
        let start_code = program_start(program, hexacoder_model::Language::parse(lang).unwrap());
        assert!(head.contains(start_code.trim_end()), "{head}");
        let tail: String = ids[end..]
            .iter()
            .map(|&i| tok.id_to_token(i).unwrap())
            .collect();
        assert!(tail.contains("```<|im_end|>"), "{tail}");
        rows += 1;
    }
    assert_eq!(rows, 20);
}

#[test]
fn program_start_is_the_code_up_to_the_first_signature_without_imports() {
    use hexacoder_model::Language;
    use hexacoder_train::data::program_start;
    let py = "import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\n@app.route('/x')\ndef x():\n    return os.getcwd()\n";
    assert_eq!(
        program_start(py, Language::Python),
        "app = Flask(__name__)\n\n@app.route('/x')\ndef x():\n"
    );
    let c = "#include <stdio.h>\n\nint main(int argc, char **argv) {\n    return 0;\n}\n";
    assert_eq!(
        program_start(c, Language::C),
        "int main(int argc, char **argv) {\n"
    );
}

/// With an end weight, exactly the closing fence and the end-of-turn token weigh it: the reply's
/// end is trained, nothing else of the frame is, and the program's weights are the plain row's.
#[test]
fn chat_rows_weigh_the_replys_end_when_asked() {
    use hexacoder_model::style::{PromptKind, Template};
    use hexacoder_train::data::{chat_token_weights, ChatFormat};
    let tok = tokenizer();
    let format = ChatFormat {
        template: Template::bundled(PromptKind::Security),
        end_weight: 0.5,
    };
    let program = "import os\n\ndef run(cmd):\n    os.system(cmd)\n";
    let changes = vec![Change::new(29, 43)];
    let (plain_ids, plain_w) = token_weights(&tok, program, Some(&changes)).unwrap();
    let (ids, w, start) =
        chat_token_weights(&tok, &format, program, Some(&changes), None, None, None).unwrap();
    let end = start + plain_ids.len();
    assert_eq!(&w[start..end], &plain_w[..]);
    assert!(w[..start].iter().all(|&x| x == 0.0));
    let weighted: Vec<(String, f32)> = ids[end..]
        .iter()
        .zip(&w[end..])
        .map(|(&i, &x)| (tok.id_to_token(i).unwrap(), x))
        .collect();
    let names: Vec<&str> = weighted.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, ["```", "<|im_end|>", "Ċ"], "{weighted:?}");
    let tail_w: Vec<f32> = weighted.iter().map(|(_, x)| *x).collect();
    assert_eq!(tail_w, [0.5, 0.5, 0.0]);
}

/// A row's `user` is the user message verbatim (the replay rows record the HumanEval-style
/// request they answered): the template is not applied, and a row without `changes` weighs its
/// whole program, so the frame holds exactly that message and the program weighs 1 throughout.
#[test]
fn a_rows_user_field_is_the_user_message_verbatim() {
    use hexacoder_model::style::{PromptKind, Template};
    use hexacoder_train::data::{chat_token_weights, load_with, ChatFormat};
    let tok = tokenizer();
    let format = ChatFormat {
        template: Template::bundled(PromptKind::Security),
        end_weight: 1.0,
    };
    let program = "def add(a, b):\n    return a + b\n";
    let user = "Write the body of this Python function:\n```python\ndef add(a, b):\n```\n";
    let (ids, w, start) =
        chat_token_weights(&tok, &format, program, None, None, None, Some(user)).unwrap();
    let head = tok.decode(&ids[..start]).unwrap();
    assert!(head.contains(user), "{head}");
    assert!(!head.contains("Complete the following"), "{head}");
    let (plain_ids, _) = token_weights(&tok, program, None).unwrap();
    let end = start + plain_ids.len();
    assert_eq!(&ids[start..end], &plain_ids[..]);
    assert!(w[start..end].iter().all(|&x| x == 1.0));
    assert!(w[..start].iter().all(|&x| x == 0.0));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.jsonl");
    let row = serde_json::json!({"text": program, "user": user, "language": "python"});
    std::fs::write(&path, format!("{row}\n")).unwrap();
    let (examples, _) = load_with(&path, &tok, 512, false, false, Some(&format)).unwrap();
    assert_eq!(examples[0].ids, ids);
    assert_eq!(examples[0].weights, w);
    // An empty or non-string `user` is refused with the field named.
    std::fs::write(&path, "{\"text\": \"x = 1\\n\", \"user\": \" \"}\n").unwrap();
    let err = load_with(&path, &tok, 512, false, false, Some(&format)).unwrap_err();
    assert!(err.to_string().contains("field `user` is empty"), "{err}");
    std::fs::write(&path, "{\"text\": \"x = 1\\n\", \"user\": 3}\n").unwrap();
    let err = load_with(&path, &tok, 512, false, false, Some(&format)).unwrap_err();
    assert!(
        err.to_string().contains("field `user` is not a string"),
        "{err}"
    );
}
