//! The semantic layer: qualified names and the taint engine's behaviour on
//! aliasing, reassignment, branches, guards and same-file functions.

use hexacoder_oracle::python::model::PyModel;
use hexacoder_oracle::{scan_source, Language, SourceFile};

fn qualnames(code: &str) -> Vec<String> {
    let file = SourceFile::new("t.py", Language::Python, code.to_string());
    let parsed = hexacoder_oracle::parse::parse(&file).unwrap();
    let model = PyModel::build(parsed.tree.root_node(), &file.text);
    model.calls.iter().map(|c| c.qualname.clone()).collect()
}

fn cwes(code: &str) -> Vec<(String, usize)> {
    scan_source(code, Language::Python)
        .findings
        .into_iter()
        .map(|f| (f.cwe.to_string(), f.span.start_line))
        .collect()
}

#[test]
fn imports_resolve_to_qualified_names() {
    let q = qualnames(
        "from subprocess import run as r\nimport os.path\nimport xml.etree.ElementTree as ET\nfrom flask import request\n\
         r(cmd, shell=True)\nos.path.join(a, b)\nET.fromstring(x)\nrequest.args.get('a')\ncursor.execute(q)\n",
    );
    assert_eq!(
        q,
        vec![
            "subprocess.run",
            "os.path.join",
            "xml.etree.ElementTree.fromstring",
            "flask.request.args.get",
            "cursor.execute"
        ]
    );
}

#[test]
fn aliased_import_reaches_the_sink() {
    let code = "from subprocess import run as r\nfrom flask import request\n\
                def f():\n    cmd = request.args['c']\n    r(cmd, shell=True)\n";
    assert_eq!(cwes(code), vec![("CWE-078".to_string(), 5)]);
}

#[test]
fn taint_follows_aliases_and_stops_at_reassignment() {
    let flows = "import os\nfrom flask import request\ndef f():\n    x = request.args['a']\n    y = x\n    os.system(y)\n";
    assert_eq!(cwes(flows), vec![("CWE-078".to_string(), 6)]);
    let reassigned = "import os\nfrom flask import request\ndef f():\n    x = request.args['a']\n    x = 'ls'\n    os.system(x)\n";
    assert!(cwes(reassigned).is_empty());
}

#[test]
fn a_sanitizer_on_one_branch_only_leaves_the_value_tainted() {
    let one = "import os, shlex\nfrom flask import request\ndef f(c):\n    x = request.args['a']\n    if c:\n        x = shlex.quote(x)\n    os.system('ls ' + x)\n";
    assert_eq!(cwes(one), vec![("CWE-078".to_string(), 7)]);
    let both = "import os, shlex\nfrom flask import request\ndef f(c):\n    x = request.args['a']\n    if c:\n        x = shlex.quote(x)\n    else:\n        x = shlex.quote(x.strip())\n    os.system('ls ' + x)\n";
    assert!(cwes(both).is_empty());
}

#[test]
fn a_guard_that_aborts_cleans_the_value_after_it() {
    let code = "import os\nfrom flask import request, abort\ndef f():\n    x = request.args['a']\n    if not x.isalnum():\n        abort(400)\n    os.system('ls ' + x)\n";
    assert!(cwes(code).is_empty());
    let before = "import os\nfrom flask import request, abort\ndef f():\n    x = request.args['a']\n    os.system('ls ' + x)\n    if not x.isalnum():\n        abort(400)\n";
    assert_eq!(cwes(before), vec![("CWE-078".to_string(), 5)]);
}

#[test]
fn summaries_carry_taint_through_functions_of_the_same_file() {
    let wrapper = "import os\nfrom flask import request\n\ndef run(c):\n    os.system(c)\n\ndef view():\n    run(request.args['x'])\n";
    assert_eq!(cwes(wrapper), vec![("CWE-078".to_string(), 8)]);
    let cleaner = "import os, shlex\nfrom flask import request\n\ndef clean(v):\n    return shlex.quote(v)\n\ndef view():\n    os.system('ls ' + clean(request.args['x']))\n";
    assert!(cwes(cleaner).is_empty());
    let passthrough = "import os\nfrom flask import request\n\ndef ident(v):\n    return v.strip()\n\ndef view():\n    os.system('ls ' + ident(request.args['x']))\n";
    assert_eq!(cwes(passthrough), vec![("CWE-078".to_string(), 8)]);
}

#[test]
fn route_parameters_and_django_requests_are_sources() {
    let flask = "import os\nfrom flask import Flask\napp = Flask(__name__)\n@app.route('/d/<name>')\ndef d(name):\n    os.system('rm ' + name)\n";
    assert_eq!(cwes(flask), vec![("CWE-078".to_string(), 6)]);
    let django = "from django.http import HttpResponseRedirect\ndef view(request):\n    return HttpResponseRedirect(request.GET['next'])\n";
    assert_eq!(cwes(django), vec![("CWE-601".to_string(), 3)]);
}

#[test]
fn syntax_errors_are_counted_and_the_rest_is_analysed() {
    let report = scan_source(
        "import os\nfrom flask import request\ndef f(:\n    pass\nos.system(request.args['x'])\n",
        Language::Python,
    );
    assert!(report.parse_errors > 0);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].span.start_line, 5);
}

#[test]
fn c_use_after_free_respects_branches_that_return() {
    let code = "void f(char *p, int e) {\n  if (e) {\n    free(p);\n    return;\n  }\n  p[0] = 1;\n  free(p);\n  p[1] = 2;\n}\n";
    let r = scan_source(code, Language::C);
    let uaf: Vec<usize> = r
        .findings
        .iter()
        .filter(|f| f.cwe == "CWE-416")
        .map(|f| f.span.start_line)
        .collect();
    assert_eq!(uaf, vec![8]);
}

#[test]
fn c_allocation_checked_inside_the_condition_is_not_reported() {
    let code = "#include <stdlib.h>\nint f(int n) {\n  char *p;\n  if ((p = malloc(n)) == NULL) return 1;\n  p[0] = 0;\n  return 0;\n}\n";
    assert!(scan_source(code, Language::C)
        .findings
        .iter()
        .all(|f| f.cwe != "CWE-476"));
}
