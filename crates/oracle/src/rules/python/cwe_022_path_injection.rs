//! ## CWE-022: path traversal (`py/path-injection`)
//!
//! ### What it does
//! Finds file-system operations (`open`, `os.remove`, `shutil.*`,
//! `send_file`, `pathlib` reads/writes …) whose path comes from request data
//! or from member names of an archive, without `os.path.basename`,
//! `secure_filename`, `safe_join`, or a check that the resolved path stays
//! under a base directory.
//!
//! ### Why is this bad?
//! `../../etc/passwd` or an absolute path escapes the intended directory, so
//! an attacker reads or overwrites any file the program can reach.
//!
//! ### Example
//! ```python
//! filename = request.args.get("file")
//! return open(os.path.join("/srv/images", filename), "rb").read()
//! ```
//!
//! ### Use instead
//! ```python
//! filename = request.args.get("file")
//! path = os.path.realpath(os.path.join("/srv/images", filename))
//! if not path.startswith("/srv/images/"):
//!     abort(403)
//! return open(path, "rb").read()
//! ```

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/path-injection",
    cwe: "CWE-022",
    name: "Uncontrolled data used in path expression",
    language: Language::Python,
    severity: Severity::High,
    summary: "A file path is built from user-controlled data without confinement.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(ctx, out, &META, SinkKind::Path, "The path used by", |_| {
        None
    });
}
