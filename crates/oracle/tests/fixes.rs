//! The mechanical fixes of the paper's CWEs, each on a small program: the exact text a
//! fix produces, and the re-scan it must pass (the CWE gone, nothing new, still parses),
//! as synthesis's autofix repairer checks it.

use hexacoder_oracle::{apply_fixes, scan_source, Language};

/// Applies every fix of `cwe`'s findings once and returns the patched program, after
/// checking that the patched program parses, has no finding of `cwe`, and no finding of a
/// rule the original did not have.
fn fixed(source: &str, language: Language, cwe: &str) -> String {
    let before = scan_source(source, language);
    let fixes: Vec<_> = before
        .findings
        .iter()
        .filter(|f| f.cwe == cwe)
        .filter_map(|f| f.fix.as_ref())
        .collect();
    assert!(!fixes.is_empty(), "no fix for {cwe}:\n{before:#?}");
    let (patched, _) = apply_fixes(source, &fixes);
    let after = scan_source(&patched, language);
    assert_eq!(
        after.parse_errors, 0,
        "the fix broke the syntax:\n{patched}"
    );
    let left: Vec<_> = after.findings.iter().filter(|f| f.cwe == cwe).collect();
    assert!(
        left.is_empty(),
        "{cwe} left after the fix:\n{patched}\n{left:#?}"
    );
    let new: Vec<_> = after
        .findings
        .iter()
        .filter(|f| !before.findings.iter().any(|b| b.rule_id == f.rule_id))
        .collect();
    assert!(
        new.is_empty(),
        "the fix adds findings:\n{patched}\n{new:#?}"
    );
    patched
}

fn py(source: &str, cwe: &str) -> String {
    fixed(source, Language::Python, cwe)
}

fn c(source: &str, cwe: &str) -> String {
    fixed(source, Language::C, cwe)
}

#[test]
fn xxe_parses_with_defusedxml() {
    let src = "import xml.etree.ElementTree as ET\nfrom flask import request\n\n\ndef parse():\n    return ET.fromstring(request.data)\n";
    assert_eq!(
        py(src, "CWE-611"),
        "import defusedxml.ElementTree\nimport xml.etree.ElementTree as ET\nfrom flask import request\n\n\ndef parse():\n    return defusedxml.ElementTree.fromstring(request.data)\n"
    );
}

#[test]
fn xxe_gives_lxml_a_parser_without_entities() {
    let src = "from lxml import etree\nfrom flask import request\n\n\ndef parse():\n    return etree.fromstring(request.data)\n";
    assert_eq!(
        py(src, "CWE-611"),
        "from lxml import etree\nfrom flask import request\n\n\ndef parse():\n    return etree.fromstring(request.data, parser=etree.XMLParser(resolve_entities=False, no_network=True))\n"
    );
}

#[test]
fn pickle_becomes_json() {
    let src = "import pickle\nfrom flask import request\n\n\ndef load():\n    return pickle.loads(request.data)\n";
    assert_eq!(
        py(src, "CWE-502"),
        "import json\nimport pickle\nfrom flask import request\n\n\ndef load():\n    return json.loads(request.data)\n"
    );
}

#[test]
fn yaml_full_load_becomes_safe_load() {
    let src = "import sys\nimport yaml\n\nconfig = yaml.full_load(sys.stdin)\n";
    assert_eq!(
        py(src, "CWE-502"),
        "import sys\nimport yaml\n\nconfig = yaml.safe_load(sys.stdin)\n"
    );
}

#[test]
fn command_values_are_quoted() {
    let src = "import os\nfrom flask import request\n\n\ndef ping():\n    host = request.args.get(\"host\")\n    os.system(f\"ping -c 1 {host}\")\n    os.system(\"nslookup \" + host + \" 8.8.8.8\")\n";
    assert_eq!(
        py(src, "CWE-078"),
        "import shlex\nimport os\nfrom flask import request\n\n\ndef ping():\n    host = request.args.get(\"host\")\n    os.system(f\"ping -c 1 {shlex.quote(str(host))}\")\n    os.system(\"nslookup \" + shlex.quote(str(host)) + \" 8.8.8.8\")\n"
    );
}

#[test]
fn a_whole_command_runs_as_an_argument_list() {
    let src = "import os\nimport subprocess\nimport sys\n\ncmd = \"git log \" + sys.argv[1]\nos.system(cmd)\nsubprocess.run(cmd, shell=True)\n";
    assert_eq!(
        py(src, "CWE-078"),
        "import shlex\nimport os\nimport subprocess\nimport sys\n\ncmd = \"git log \" + sys.argv[1]\nsubprocess.call(shlex.split(cmd))\nsubprocess.run(shlex.split(cmd), shell=False)\n"
    );
}

#[test]
fn a_command_whose_program_is_formatted_in_is_left_alone() {
    let src = "import os\nimport sys\n\nos.system(f\"{sys.argv[1]} --version\")\n";
    let report = scan_source(src, Language::Python);
    let f = report.findings.iter().find(|f| f.cwe == "CWE-078").unwrap();
    assert!(f.fix.is_none());
}

#[test]
fn paths_are_resolved_and_confined() {
    let src = "import os\nfrom flask import request\n\n\ndef download():\n    name = request.args.get(\"name\")\n    with open(os.path.join(\"/srv/files\", name)) as f:\n        return f.read()\n";
    assert_eq!(
        py(src, "CWE-022"),
        "import os\nfrom flask import request\n\n\ndef download():\n    name = request.args.get(\"name\")\n    safe_path = os.path.realpath(os.path.join(\"/srv/files\", name))\n    if not safe_path.startswith(os.path.realpath(\"/srv/files\") + os.sep):\n        raise ValueError(\"path outside the allowed directory\")\n    with open(safe_path) as f:\n        return f.read()\n"
    );
    let src = "from flask import request\n\n\ndef save():\n    path = request.form[\"path\"]\n    open(path, \"w\").write(\"x\")\n";
    assert_eq!(
        py(src, "CWE-022"),
        "import os\nfrom flask import request\n\n\ndef save():\n    path = request.form[\"path\"]\n    path = os.path.realpath(path)\n    if not path.startswith(os.path.realpath(os.getcwd()) + os.sep):\n        raise ValueError(\"path outside the allowed directory\")\n    open(path, \"w\").write(\"x\")\n"
    );
}

#[test]
fn url_checks_compare_the_parsed_host() {
    let src = "def trusted(url):\n    return \"https://example.com\" in url\n\n\ndef internal(url):\n    if not url.startswith(\"https://api.example.com\"):\n        return False\n    return True\n\n\ndef mail(domain):\n    return domain.endswith(\"example.org\") and len(domain) < 64\n";
    assert_eq!(
        py(src, "CWE-020"),
        "import urllib.parse\ndef trusted(url):\n    return urllib.parse.urlparse(url).hostname == \"example.com\"\n\n\ndef internal(url):\n    if not urllib.parse.urlparse(url).hostname == \"api.example.com\":\n        return False\n    return True\n\n\ndef mail(domain):\n    return (domain == \"example.org\" or domain.endswith(\".example.org\")) and len(domain) < 64\n"
    );
}

#[test]
fn hostname_patterns_escape_their_dots() {
    let src = "import re\n\n\ndef ok(url):\n    return re.match(r\"https?://www.example.com/\", url) is not None\n\n\ndef ok2(url):\n    return re.search(\"^mail.example.org$\", url)\n";
    assert_eq!(
        py(src, "CWE-020"),
        "import re\n\n\ndef ok(url):\n    return re.match(r\"https?://www\\.example\\.com/\", url) is not None\n\n\ndef ok2(url):\n    return re.search(\"^mail\\\\.example\\\\.org$\", url)\n"
    );
}

#[test]
fn allocations_are_checked_for_null() {
    let src = "#include <stdlib.h>\n#include <string.h>\n\nchar *copy(const char *s) {\n    char *p = malloc(strlen(s) + 1);\n    memcpy(p, s, strlen(s) + 1);\n    return p;\n}\n\nvoid clear(size_t n) {\n    int *b;\n    b = malloc(n * sizeof(int));\n    memset(b, 0, n * sizeof(int));\n    free(b);\n}\n";
    assert_eq!(
        c(src, "CWE-476"),
        "#include <stdlib.h>\n#include <string.h>\n\nchar *copy(const char *s) {\n    char *p = malloc(strlen(s) + 1);\n    if (p == NULL) {\n        return NULL;\n    }\n    memcpy(p, s, strlen(s) + 1);\n    return p;\n}\n\nvoid clear(size_t n) {\n    int *b;\n    b = malloc(n * sizeof(int));\n    if (b == NULL) {\n        return;\n    }\n    memset(b, 0, n * sizeof(int));\n    free(b);\n}\n"
    );
}

#[test]
fn arithmetic_on_input_is_checked() {
    let src = "#include <stdio.h>\n#include <stdlib.h>\n\nint main(int argc, char **argv) {\n    int total = 0;\n    int n = atoi(argv[1]);\n    total += n;\n    int doubled = n * 2;\n    printf(\"%d %d\\n\", total, doubled);\n    return 0;\n}\n";
    assert_eq!(
        c(src, "CWE-190"),
        "#include <stdio.h>\n#include <stdlib.h>\n\nint main(int argc, char **argv) {\n    int total = 0;\n    int n = atoi(argv[1]);\n    if (__builtin_add_overflow(total, n, &total)) {\n        return 1;\n    }\n    int doubled;\n    if (__builtin_mul_overflow(n, 2, &doubled)) {\n        return 1;\n    }\n    printf(\"%d %d\\n\", total, doubled);\n    return 0;\n}\n"
    );
}

#[test]
fn products_sizing_an_allocation_use_calloc() {
    let src = "#include <stdlib.h>\n\nint *grid(int rows, int cols) {\n    int *g = malloc(rows * cols);\n    return g;\n}\n";
    let report = scan_source(src, Language::C);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "c/integer-overflow")
        .expect("the product is reported");
    let (patched, applied) = apply_fixes(src, &[f.fix.as_ref().expect("a fix")]);
    assert_eq!(applied, 1);
    assert_eq!(
        patched,
        "#include <stdlib.h>\n\nint *grid(int rows, int cols) {\n    int *g = calloc(rows, cols);\n    return g;\n}\n"
    );
}

#[test]
fn string_reads_and_appends_are_bounded() {
    let src = "#include <stdio.h>\n#include <string.h>\n\nint main(int argc, char **argv) {\n    char word[16];\n    char line[64] = \"\";\n    int n;\n    scanf(\"%d %s\", &n, word);\n    strcat(line, argv[1]);\n    puts(line);\n    return 0;\n}\n";
    assert_eq!(
        c(src, "CWE-787"),
        "#include <stdio.h>\n#include <string.h>\n\nint main(int argc, char **argv) {\n    char word[16];\n    char line[64] = \"\";\n    int n;\n    scanf(\"%d %15s\", &n, word);\n    strncat(line, argv[1], sizeof(line) - strlen(line) - 1);\n    puts(line);\n    return 0;\n}\n"
    );
}

#[test]
fn c_path_traversal_is_refused_before_the_use() {
    // A path assembled under a directory: `..` refused; <string.h> already there.
    let src = "#include <stdio.h>\n#include <string.h>\n\nFILE *open_upload(const char *name) {\n    char path[512];\n    snprintf(path, sizeof path, \"/var/spool/uploads/%s\", name);\n    FILE *f = fopen(path, \"r\");\n    return f;\n}\n";
    assert_eq!(
        c(src, "CWE-022"),
        "#include <stdio.h>\n#include <string.h>\n\nFILE *open_upload(const char *name) {\n    char path[512];\n    snprintf(path, sizeof path, \"/var/spool/uploads/%s\", name);\n    if (strstr(path, \"..\") != NULL) {\n        return NULL;\n    }\n    FILE *f = fopen(path, \"r\");\n    return f;\n}\n"
    );
    // The untrusted value is the whole path: absolute paths refused too; the header added.
    let src = "#include <stdio.h>\n\nint main(int argc, char **argv) {\n    remove(argv[1]);\n    return 0;\n}\n";
    assert_eq!(
        c(src, "CWE-022"),
        "#include <stdio.h>\n#include <string.h>\n\nint main(int argc, char **argv) {\n    if (strstr(argv[1], \"..\") != NULL || argv[1][0] == '/') {\n        return 1;\n    }\n    remove(argv[1]);\n    return 0;\n}\n"
    );
}
