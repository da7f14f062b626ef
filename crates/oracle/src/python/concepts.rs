//! The catalogue of Python library APIs as security *concepts*: remote and
//! local flow sources, sinks of each kind, and sanitizers — the CodeQL
//! "concepts" split. Rules only say which sink kind they report; what
//! counts as a source, sink or sanitizer lives here, once.

/// Where tainted data came from (bit set).
pub mod src {
    /// Web request data: Flask/Django/Bottle request objects, route parameters.
    pub const REMOTE: u32 = 1;
    /// Local user input: `input()`, `sys.argv`, `os.environ`, stdin.
    pub const LOCAL: u32 = 2;
    /// A parameter of an ordinary function: unknown, possibly attacker data.
    pub const PARAM: u32 = 4;
    /// Member names read from an archive (zip/tar slip).
    pub const ARCHIVE: u32 = 8;
    /// A command string assembled at run time from non-literal values and
    /// handed to a shell/SSH runner (only the command sinks accept it).
    pub const BUILT: u32 = 32;
    /// Bits of real sources; higher bits mark function parameters while
    /// summaries are computed.
    pub const REAL: u32 = 0xff;
}

/// The kinds of sink, one per injection family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SinkKind {
    Command,
    Sql,
    Path,
    Code,
    Xss,
    Redirect,
    Ssrf,
    XPath,
    Regex,
    Log,
    Deserialize,
    Xml,
    NoSql,
    Ldap,
    Header,
}

impl SinkKind {
    /// Bit of this kind in a sanitizer mask.
    pub const fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The source bits that make a flow into this sink a finding, and
    /// whether a parameter (unknown caller data) counts only when it was
    /// interpolated into a larger string (the query/command is *built*).
    pub fn policy(self) -> (u32, ParamPolicy) {
        use src::*;
        match self {
            SinkKind::Command
            | SinkKind::Sql
            | SinkKind::Ldap
            | SinkKind::XPath
            | SinkKind::NoSql => (REMOTE | LOCAL, ParamPolicy::WhenInterpolated),
            SinkKind::Code | SinkKind::Deserialize | SinkKind::Xml => {
                (REMOTE | LOCAL, ParamPolicy::Always)
            }
            SinkKind::Path => (REMOTE | ARCHIVE, ParamPolicy::Never),
            SinkKind::Xss
            | SinkKind::Redirect
            | SinkKind::Ssrf
            | SinkKind::Regex
            | SinkKind::Header => (REMOTE, ParamPolicy::Never),
            SinkKind::Log => (REMOTE | LOCAL, ParamPolicy::Never),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamPolicy {
    Never,
    WhenInterpolated,
    Always,
}

/// Mask of every sink kind (a full sanitizer such as `int()`).
pub const ALL_KINDS: u32 = u32::MAX;

/// How a catalogue entry names its callee.
#[derive(Debug, Clone, Copy)]
pub enum Callee {
    /// A fully qualified name after import resolution.
    Exact(&'static str),
    /// A method of that name on any receiver (`cursor.execute`).
    Method(&'static str),
}

impl Callee {
    pub fn matches(self, qualname: &str) -> bool {
        match self {
            Callee::Exact(q) => qualname == q,
            Callee::Method(m) => {
                qualname.len() > m.len() + 1
                    && qualname.ends_with(m)
                    && qualname.as_bytes()[qualname.len() - m.len() - 1] == b'.'
            }
        }
    }
}

/// Which argument of a sink call carries the dangerous value.
#[derive(Debug, Clone, Copy)]
pub enum Arg {
    /// Position, or the keyword of the same parameter.
    Pos(usize, &'static str),
    /// Every positional and keyword argument (logging).
    All,
}

/// Extra conditions a sink checks on the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// `subprocess.*`: with `shell=True` the whole command; without it the
    /// program (first list element) or a string command that was built.
    Subprocess,
    /// `yaml.load` without a safe `Loader`.
    UnsafeYamlLoader,
    /// lxml parse functions: no explicit parser given.
    LxmlDefaultParser,
    /// The file imports one of the modules the entry needs (pymongo, ldap…).
    FileImports(&'static [&'static str]),
}

pub struct Sink {
    pub kind: SinkKind,
    pub callee: Callee,
    pub arg: Arg,
    pub when: When,
}

const fn sink(kind: SinkKind, callee: Callee, arg: Arg, when: When) -> Sink {
    Sink {
        kind,
        callee,
        arg,
        when,
    }
}

use Arg::*;
use Callee::*;
use SinkKind::*;
use When::*;

const MONGO: &[&str] = &["pymongo", "mongoengine", "motor", "flask_pymongo", "bson"];
const LDAP: &[&str] = &["ldap", "ldap3"];
const XMLMODS: &[&str] = &["lxml", "xml"];

pub static SINKS: &[Sink] = &[
    // CWE-078: system command execution.
    sink(Command, Exact("os.system"), Pos(0, "command"), Always),
    sink(Command, Exact("os.popen"), Pos(0, "cmd"), Always),
    sink(Command, Exact("os.popen2"), Pos(0, "cmd"), Always),
    sink(Command, Exact("os.popen3"), Pos(0, "cmd"), Always),
    sink(Command, Exact("os.popen4"), Pos(0, "cmd"), Always),
    sink(Command, Exact("posix.system"), Pos(0, "command"), Always),
    sink(Command, Exact("commands.getoutput"), Pos(0, "cmd"), Always),
    sink(
        Command,
        Exact("commands.getstatusoutput"),
        Pos(0, "cmd"),
        Always,
    ),
    sink(
        Command,
        Exact("subprocess.getoutput"),
        Pos(0, "cmd"),
        Always,
    ),
    sink(
        Command,
        Exact("subprocess.getstatusoutput"),
        Pos(0, "cmd"),
        Always,
    ),
    sink(
        Command,
        Exact("subprocess.call"),
        Pos(0, "args"),
        Subprocess,
    ),
    sink(Command, Exact("subprocess.run"), Pos(0, "args"), Subprocess),
    sink(
        Command,
        Exact("subprocess.Popen"),
        Pos(0, "args"),
        Subprocess,
    ),
    sink(
        Command,
        Exact("subprocess.check_call"),
        Pos(0, "args"),
        Subprocess,
    ),
    sink(
        Command,
        Exact("subprocess.check_output"),
        Pos(0, "args"),
        Subprocess,
    ),
    sink(
        Command,
        Exact("asyncio.create_subprocess_shell"),
        Pos(0, "cmd"),
        Always,
    ),
    sink(Command, Exact("pty.spawn"), Pos(0, "argv"), Always),
    sink(Command, Exact("os.execl"), Pos(0, "path"), Always),
    sink(Command, Exact("os.execlp"), Pos(0, "file"), Always),
    sink(Command, Exact("os.execv"), Pos(0, "path"), Always),
    sink(Command, Exact("os.execvp"), Pos(0, "file"), Always),
    sink(Command, Exact("os.spawnl"), Pos(1, "path"), Always),
    sink(Command, Exact("os.spawnlp"), Pos(1, "file"), Always),
    sink(Command, Exact("os.spawnv"), Pos(1, "path"), Always),
    sink(Command, Exact("os.spawnvp"), Pos(1, "file"), Always),
    sink(Command, Method("exec_command"), Pos(0, "command"), Always),
    sink(
        Command,
        Exact("fabric.api.local"),
        Pos(0, "command"),
        Always,
    ),
    sink(Command, Exact("fabric.api.run"), Pos(0, "command"), Always),
    sink(Command, Exact("fabric.api.sudo"), Pos(0, "command"), Always),
    // CWE-089: SQL execution.
    sink(Sql, Method("execute"), Pos(0, "sql"), Always),
    sink(Sql, Method("executemany"), Pos(0, "sql"), Always),
    sink(Sql, Method("executescript"), Pos(0, "sql_script"), Always),
    sink(Sql, Method("mogrify"), Pos(0, "query"), Always),
    sink(Sql, Method("raw"), Pos(0, "raw_query"), Always),
    sink(Sql, Method("read_sql"), Pos(0, "sql"), Always),
    sink(Sql, Method("read_sql_query"), Pos(0, "sql"), Always),
    sink(Sql, Exact("sqlalchemy.text"), Pos(0, "text"), Always),
    sink(Sql, Exact("sqlalchemy.sql.text"), Pos(0, "text"), Always),
    sink(
        Sql,
        Exact("sqlalchemy.sql.expression.text"),
        Pos(0, "text"),
        Always,
    ),
    // CWE-022: file system access.
    sink(Path, Exact("open"), Pos(0, "file"), Always),
    sink(Path, Exact("io.open"), Pos(0, "file"), Always),
    sink(Path, Exact("codecs.open"), Pos(0, "filename"), Always),
    sink(Path, Exact("os.open"), Pos(0, "path"), Always),
    sink(Path, Exact("os.remove"), Pos(0, "path"), Always),
    // Werkzeug's `FileStorage.save(dst)` (`request.files["f"].save(…)`), PIL's `Image.save`:
    // a file written where the argument says.
    sink(Path, Method("save"), Pos(0, "dst"), Always),
    sink(Path, Exact("os.unlink"), Pos(0, "path"), Always),
    sink(Path, Exact("os.rmdir"), Pos(0, "path"), Always),
    sink(Path, Exact("os.removedirs"), Pos(0, "name"), Always),
    sink(Path, Exact("os.mkdir"), Pos(0, "path"), Always),
    sink(Path, Exact("os.makedirs"), Pos(0, "name"), Always),
    sink(Path, Exact("os.listdir"), Pos(0, "path"), Always),
    sink(Path, Exact("os.scandir"), Pos(0, "path"), Always),
    sink(Path, Exact("os.rename"), Pos(0, "src"), Always),
    sink(Path, Exact("os.rename"), Pos(1, "dst"), Always),
    sink(Path, Exact("os.replace"), Pos(1, "dst"), Always),
    sink(Path, Exact("os.chmod"), Pos(0, "path"), Always),
    sink(Path, Exact("shutil.copy"), Pos(1, "dst"), Always),
    sink(Path, Exact("shutil.copy"), Pos(0, "src"), Always),
    sink(Path, Exact("shutil.copyfile"), Pos(0, "src"), Always),
    sink(Path, Exact("shutil.copyfile"), Pos(1, "dst"), Always),
    sink(Path, Exact("shutil.move"), Pos(1, "dst"), Always),
    sink(Path, Exact("shutil.rmtree"), Pos(0, "path"), Always),
    sink(
        Path,
        Exact("flask.send_file"),
        Pos(0, "path_or_file"),
        Always,
    ),
    sink(
        Path,
        Exact("django.http.FileResponse"),
        Pos(0, "streaming_content"),
        Always,
    ),
    sink(
        Path,
        Method("extract"),
        Pos(0, "member"),
        FileImports(&["tarfile"]),
    ),
    sink(Path, Method("read_text"), Pos(usize::MAX, ""), Always),
    sink(Path, Method("read_bytes"), Pos(usize::MAX, ""), Always),
    sink(Path, Method("write_text"), Pos(usize::MAX, ""), Always),
    sink(Path, Method("write_bytes"), Pos(usize::MAX, ""), Always),
    // CWE-094: code execution.
    sink(Code, Exact("eval"), Pos(0, "source"), Always),
    sink(Code, Exact("exec"), Pos(0, "source"), Always),
    sink(Code, Exact("compile"), Pos(0, "source"), Always),
    sink(Code, Exact("execfile"), Pos(0, "filename"), Always),
    sink(Code, Exact("builtins.eval"), Pos(0, "source"), Always),
    sink(Code, Exact("builtins.exec"), Pos(0, "source"), Always),
    sink(
        Code,
        Exact("flask.render_template_string"),
        Pos(0, "source"),
        Always,
    ),
    sink(Code, Exact("jinja2.Template"), Pos(0, "source"), Always),
    sink(
        Code,
        Method("from_string"),
        Pos(0, "source"),
        FileImports(&["jinja2"]),
    ),
    sink(
        Code,
        Exact("importlib.import_module"),
        Pos(0, "name"),
        Always,
    ),
    sink(Code, Exact("__import__"), Pos(0, "name"), Always),
    // CWE-079: HTTP response bodies.
    sink(
        Xss,
        Exact("flask.make_response"),
        Pos(0, "response"),
        Always,
    ),
    sink(Xss, Exact("flask.Response"), Pos(0, "response"), Always),
    sink(
        Xss,
        Exact("werkzeug.wrappers.Response"),
        Pos(0, "response"),
        Always,
    ),
    sink(
        Xss,
        Exact("django.http.HttpResponse"),
        Pos(0, "content"),
        Always,
    ),
    sink(
        Xss,
        Exact("django.utils.safestring.mark_safe"),
        Pos(0, "s"),
        Always,
    ),
    sink(Xss, Exact("markupsafe.Markup"), Pos(0, "object"), Always),
    sink(Xss, Exact("flask.Markup"), Pos(0, "object"), Always),
    // CWE-601: redirects.
    sink(
        Redirect,
        Exact("flask.redirect"),
        Pos(0, "location"),
        Always,
    ),
    sink(
        Redirect,
        Exact("django.shortcuts.redirect"),
        Pos(0, "to"),
        Always,
    ),
    sink(
        Redirect,
        Exact("django.http.HttpResponseRedirect"),
        Pos(0, "redirect_to"),
        Always,
    ),
    sink(
        Redirect,
        Exact("django.http.HttpResponsePermanentRedirect"),
        Pos(0, "redirect_to"),
        Always,
    ),
    sink(
        Redirect,
        Exact("werkzeug.utils.redirect"),
        Pos(0, "location"),
        Always,
    ),
    // CWE-918: outgoing requests.
    sink(Ssrf, Exact("requests.get"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.post"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.put"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.delete"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.head"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.patch"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.options"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("requests.request"), Pos(1, "url"), Always),
    sink(Ssrf, Exact("httpx.get"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("httpx.put"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("httpx.delete"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("httpx.head"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("httpx.patch"), Pos(0, "url"), Always),
    // Methods of a client object with no module-level twin (see `PyModel::clients`).
    sink(
        Ssrf,
        Exact("aiohttp.ClientSession().get"),
        Pos(0, "url"),
        Always,
    ),
    sink(
        Ssrf,
        Exact("aiohttp.ClientSession().post"),
        Pos(0, "url"),
        Always,
    ),
    sink(
        Ssrf,
        Exact("aiohttp.ClientSession().put"),
        Pos(0, "url"),
        Always,
    ),
    sink(
        Ssrf,
        Exact("aiohttp.ClientSession().delete"),
        Pos(0, "url"),
        Always,
    ),
    sink(
        Ssrf,
        Exact("urllib3.PoolManager().request"),
        Pos(1, "url"),
        Always,
    ),
    sink(Ssrf, Exact("httpx.post"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("urllib.request.urlopen"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("urllib.request.Request"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("urllib.urlopen"), Pos(0, "url"), Always),
    sink(Ssrf, Exact("urllib2.urlopen"), Pos(0, "url"), Always),
    sink(
        Ssrf,
        Exact("http.client.HTTPConnection"),
        Pos(0, "host"),
        Always,
    ),
    sink(
        Ssrf,
        Exact("http.client.HTTPSConnection"),
        Pos(0, "host"),
        Always,
    ),
    // CWE-643: XPath.
    sink(XPath, Method("xpath"), Pos(0, "_path"), Always),
    sink(XPath, Exact("lxml.etree.XPath"), Pos(0, "path"), Always),
    sink(XPath, Exact("lxml.etree.ETXPath"), Pos(0, "path"), Always),
    sink(XPath, Method("find"), Pos(0, "path"), FileImports(XMLMODS)),
    sink(
        XPath,
        Method("findall"),
        Pos(0, "path"),
        FileImports(XMLMODS),
    ),
    sink(
        XPath,
        Method("findtext"),
        Pos(0, "path"),
        FileImports(XMLMODS),
    ),
    sink(
        XPath,
        Method("iterfind"),
        Pos(0, "path"),
        FileImports(XMLMODS),
    ),
    // CWE-730: regular expressions built from input.
    sink(Regex, Exact("re.compile"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.match"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.search"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.fullmatch"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.findall"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.finditer"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.sub"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.subn"), Pos(0, "pattern"), Always),
    sink(Regex, Exact("re.split"), Pos(0, "pattern"), Always),
    // CWE-502: deserialization.
    sink(Deserialize, Exact("pickle.loads"), Pos(0, "data"), Always),
    sink(Deserialize, Exact("pickle.load"), Pos(0, "file"), Always),
    sink(Deserialize, Exact("cPickle.loads"), Pos(0, "data"), Always),
    sink(Deserialize, Exact("cPickle.load"), Pos(0, "file"), Always),
    sink(Deserialize, Exact("_pickle.loads"), Pos(0, "data"), Always),
    sink(Deserialize, Exact("dill.loads"), Pos(0, "str"), Always),
    sink(Deserialize, Exact("dill.load"), Pos(0, "file"), Always),
    sink(
        Deserialize,
        Exact("cloudpickle.loads"),
        Pos(0, "data"),
        Always,
    ),
    sink(Deserialize, Exact("marshal.loads"), Pos(0, "bytes"), Always),
    sink(Deserialize, Exact("marshal.load"), Pos(0, "file"), Always),
    sink(
        Deserialize,
        Exact("shelve.open"),
        Pos(0, "filename"),
        Always,
    ),
    sink(
        Deserialize,
        Exact("jsonpickle.decode"),
        Pos(0, "string"),
        Always,
    ),
    sink(
        Deserialize,
        Exact("pandas.read_pickle"),
        Pos(0, "filepath_or_buffer"),
        Always,
    ),
    sink(
        Deserialize,
        Exact("yaml.load"),
        Pos(0, "stream"),
        UnsafeYamlLoader,
    ),
    sink(
        Deserialize,
        Exact("yaml.load_all"),
        Pos(0, "stream"),
        UnsafeYamlLoader,
    ),
    sink(
        Deserialize,
        Exact("yaml.unsafe_load"),
        Pos(0, "stream"),
        Always,
    ),
    sink(
        Deserialize,
        Exact("yaml.full_load"),
        Pos(0, "stream"),
        Always,
    ),
    // CWE-611: XML parsers that resolve external entities.
    sink(
        Xml,
        Exact("lxml.etree.fromstring"),
        Pos(0, "text"),
        LxmlDefaultParser,
    ),
    sink(
        Xml,
        Exact("lxml.etree.XML"),
        Pos(0, "text"),
        LxmlDefaultParser,
    ),
    sink(
        Xml,
        Exact("lxml.etree.parse"),
        Pos(0, "source"),
        LxmlDefaultParser,
    ),
    sink(
        Xml,
        Exact("lxml.etree.XMLID"),
        Pos(0, "text"),
        LxmlDefaultParser,
    ),
    sink(
        Xml,
        Exact("xml.etree.ElementTree.fromstring"),
        Pos(0, "text"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.etree.ElementTree.XML"),
        Pos(0, "text"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.etree.ElementTree.parse"),
        Pos(0, "source"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.etree.ElementTree.iterparse"),
        Pos(0, "source"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.etree.cElementTree.fromstring"),
        Pos(0, "text"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.etree.cElementTree.parse"),
        Pos(0, "source"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.dom.minidom.parseString"),
        Pos(0, "string"),
        Always,
    ),
    sink(Xml, Exact("xml.dom.minidom.parse"), Pos(0, "file"), Always),
    sink(
        Xml,
        Exact("xml.dom.pulldom.parseString"),
        Pos(0, "string"),
        Always,
    ),
    sink(
        Xml,
        Exact("xml.dom.pulldom.parse"),
        Pos(0, "stream_or_string"),
        Always,
    ),
    sink(Xml, Exact("xml.sax.parseString"), Pos(0, "string"), Always),
    sink(Xml, Exact("xml.sax.parse"), Pos(0, "source"), Always),
    // CWE-943: NoSQL queries.
    sink(NoSql, Method("find"), Pos(0, "filter"), FileImports(MONGO)),
    sink(
        NoSql,
        Method("find_one"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("delete_one"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("delete_many"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("update_one"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("update_many"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("count_documents"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("find_one_and_update"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("find_one_and_delete"),
        Pos(0, "filter"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("aggregate"),
        Pos(0, "pipeline"),
        FileImports(MONGO),
    ),
    sink(
        NoSql,
        Method("scan"),
        Pos(usize::MAX - 1, "FilterExpression"),
        FileImports(&["boto3"]),
    ),
    sink(
        NoSql,
        Method("query"),
        Pos(usize::MAX - 1, "KeyConditionExpression"),
        FileImports(&["boto3"]),
    ),
    sink(
        NoSql,
        Method("query"),
        Pos(usize::MAX - 1, "FilterExpression"),
        FileImports(&["boto3"]),
    ),
    // CWE-090: LDAP filters.
    sink(
        Ldap,
        Method("search_s"),
        Pos(2, "filterstr"),
        FileImports(LDAP),
    ),
    sink(
        Ldap,
        Method("search_st"),
        Pos(2, "filterstr"),
        FileImports(LDAP),
    ),
    sink(
        Ldap,
        Method("search_ext_s"),
        Pos(2, "filterstr"),
        FileImports(LDAP),
    ),
    sink(
        Ldap,
        Method("search"),
        Pos(1, "search_filter"),
        FileImports(&["ldap3"]),
    ),
    // CWE-117: log entries.
    sink(Log, Exact("logging.debug"), All, Always),
    sink(Log, Exact("logging.info"), All, Always),
    sink(Log, Exact("logging.warning"), All, Always),
    sink(Log, Exact("logging.warn"), All, Always),
    sink(Log, Exact("logging.error"), All, Always),
    sink(Log, Exact("logging.critical"), All, Always),
    sink(Log, Exact("logging.exception"), All, Always),
    sink(Log, Exact("logging.log"), All, Always),
];

/// The catalogue entries that can match `qualname`, found through an
/// index by the callee's last name component (the catalogue is scanned
/// for every call, so this is on the hot path).
pub fn sinks_for(qualname: &str) -> impl Iterator<Item = &'static Sink> + '_ {
    use std::collections::HashMap;
    use std::sync::LazyLock;
    static INDEX: LazyLock<HashMap<&'static str, Vec<&'static Sink>>> = LazyLock::new(|| {
        let mut index: HashMap<&'static str, Vec<&'static Sink>> = HashMap::new();
        for sink in SINKS {
            let name = match sink.callee {
                Callee::Exact(q) => q.rsplit('.').next().unwrap_or(q),
                Callee::Method(m) => m,
            };
            index.entry(name).or_default().push(sink);
        }
        index
    });
    let last = super::model::last_component(qualname);
    INDEX
        .get(last)
        .into_iter()
        .flatten()
        .copied()
        .filter(move |s| s.callee.matches(qualname))
}

/// Log methods on logger objects (`app.logger.info`, `log.warning`, …).
pub const LOG_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "critical",
    "exception",
    "log",
    "fatal",
];

/// A source: a qualified name (or prefix) whose value is attacker data.
pub fn source_of(qualname: &str) -> u32 {
    const REMOTE_ROOTS: &[&str] = &[
        "flask.request",
        "bottle.request",
        "quart.request",
        "cgi.FieldStorage",
    ];
    const LOCAL: &[&str] = &[
        "sys.argv",
        "os.environ",
        "os.getenv",
        "os.environb",
        "sys.stdin",
        "input",
        "raw_input",
        "getpass.getpass",
    ];
    let root_match = |roots: &[&str]| {
        roots.iter().any(|r| {
            qualname == *r
                || qualname
                    .strip_prefix(r)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
                || qualname
                    .strip_prefix(r)
                    .is_some_and(|rest| rest.starts_with("()"))
        })
    };
    if root_match(REMOTE_ROOTS) {
        return src::REMOTE;
    }
    // Snippets cut from a web app often lack their imports: an unresolved
    // `request.args`/`request.GET`… is still the framework's request.
    const REQUEST_DATA: &[&str] = &[
        "args",
        "form",
        "values",
        "json",
        "data",
        "files",
        "cookies",
        "headers",
        "get_json",
        "get_data",
        "GET",
        "POST",
        "FILES",
        "COOKIES",
        "META",
        "body",
        "query_params",
        "params",
        "query_string",
        "stream",
        "view_args",
        // aiohttp: `request.query`, `request.match_info`, `await request.post()`.
        "query",
        "match_info",
        "rel_url",
        "post",
    ];
    if let Some(rest) = qualname.strip_prefix("request.") {
        let attr = rest.split(['.', '(', '[']).next().unwrap_or("");
        if REQUEST_DATA.contains(&attr) {
            return src::REMOTE;
        }
    }
    if root_match(LOCAL) {
        return src::LOCAL;
    }
    // argparse results, socket reads.
    let last = qualname.trim_end_matches("()");
    if last.ends_with(".parse_args") {
        return src::LOCAL;
    }
    if last.ends_with(".recv") || last.ends_with(".recvfrom") || last.ends_with(".recv_into") {
        return src::REMOTE;
    }
    // Flask-WTF/Django forms are filled from the request: `SearchForm()`.
    let ctor = last.rsplit('.').next().unwrap_or(last);
    if ctor.len() > 4
        && ctor.ends_with("Form")
        && ctor.starts_with(|c: char| c.is_ascii_uppercase())
    {
        return src::REMOTE;
    }
    if matches!(
        last,
        "tarfile.open" | "tarfile.TarFile" | "tarfile.TarFile.open"
    ) {
        return src::ARCHIVE;
    }
    if last.ends_with(".namelist")
        || last.ends_with(".infolist")
        || last.ends_with(".getmembers")
        || last.ends_with(".getnames")
    {
        return src::ARCHIVE;
    }
    0
}

/// What a sanitizer call removes, as a mask of sink-kind bits; `ALL_KINDS`
/// for conversions that make any value safe (`int()`), 0 if not one.
pub fn sanitizer_of(qualname: &str) -> u32 {
    let last = super::model::last_component(qualname);
    match qualname {
        "int"
        | "float"
        | "bool"
        | "len"
        | "ord"
        | "abs"
        | "round"
        | "hash"
        | "isinstance"
        | "uuid.UUID"
        | "id"
        | "callable"
        | "hasattr"
        | "os.path.exists"
        | "os.path.isfile"
        | "os.path.isdir"
        | "datetime.datetime.strptime"
        | "ipaddress.ip_address" => return ALL_KINDS,
        "shlex.quote" | "pipes.quote" | "shlex.split" => return SinkKind::Command.bit(),
        "html.escape"
        | "cgi.escape"
        | "markupsafe.escape"
        | "flask.escape"
        | "jinja2.escape"
        | "bleach.clean"
        | "django.utils.html.escape"
        | "werkzeug.utils.escape"
        | "xml.sax.saxutils.escape"
        | "flask.jsonify"
        | "json.dumps"
        | "django.utils.html.strip_tags" => {
            return SinkKind::Xss.bit() | SinkKind::Log.bit() | SinkKind::Header.bit()
        }
        "werkzeug.utils.secure_filename" | "werkzeug.secure_filename" => return ALL_KINDS,
        "os.path.basename"
        | "flask.safe_join"
        | "werkzeug.security.safe_join"
        | "werkzeug.utils.safe_join"
        | "django.utils._os.safe_join" => return SinkKind::Path.bit(),
        "re.escape" => return SinkKind::Regex.bit(),
        "urllib.parse.quote"
        | "urllib.parse.quote_plus"
        | "urllib.quote"
        | "urllib.parse.urlencode" => {
            return SinkKind::Xss.bit()
                | SinkKind::Log.bit()
                | SinkKind::Header.bit()
                | SinkKind::Command.bit()
        }
        "flask.url_for" | "django.urls.reverse" => return ALL_KINDS,
        "lxml.etree.XPath" => return 0,
        _ => {}
    }
    match last {
        "escape_string" | "escape_literal" | "quote_identifier" | "Literal" | "Identifier" => {
            SinkKind::Sql.bit()
        }
        "escape_filter_chars" | "escape_dn_chars" => SinkKind::Ldap.bit(),
        "secure_filename" => ALL_KINDS,
        "safe_join" => SinkKind::Path.bit(),
        _ => 0,
    }
}

/// True for predicate names that validate their argument when they return
/// true (`is_safe_url(url)`, `validate_path(p)`, `allowed_file(name)`).
pub fn is_validator_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("is_")
        || n.starts_with("valid")
        || n.starts_with("check")
        || n.starts_with("allowed")
        || n.starts_with("is_allowed")
        || n.contains("safe")
        || n.starts_with("verify")
        || n.starts_with("sanitiz")
        || n.contains("allowed_host")
        || n.ends_with("_valid")
        || n.ends_with("_allowed")
}

/// Library functions through which taint flows from arguments to result
/// (CodeQL's "additional taint steps"): conversions, decoders, path and
/// URL helpers, parsers. Calls to other library functions do not
/// propagate, as in CodeQL: unknown code is not assumed to pass data on.
pub fn propagates(qualname: &str) -> bool {
    const EXACT: &[&str] = &[
        "str",
        "bytes",
        "bytearray",
        "repr",
        "format",
        "list",
        "tuple",
        "set",
        "dict",
        "sorted",
        "reversed",
        "unicode",
        "enumerate",
        "zip",
        "map",
        "filter",
        "next",
        "iter",
        "min",
        "max",
        "getattr",
        "json.loads",
        "json.load",
        "html.unescape",
        "io.StringIO",
        "io.BytesIO",
        "pathlib.Path",
        "pathlib.PurePath",
        "pathlib.PosixPath",
        "string.Template",
        "shlex.join",
        "os.fsencode",
        "os.fsdecode",
        "urllib.unquote",
        "urllib.unquote_plus",
        "urllib2.unquote",
        "yaml.safe_load",
        "markdown.markdown",
        "markdown",
        "ujson.loads",
        "simplejson.loads",
        "ast.parse",
        "email.message_from_string",
        "xmltodict.parse",
        "copy.copy",
        "copy.deepcopy",
        "textwrap.dedent",
        "textwrap.indent",
        "textwrap.fill",
    ];
    const PREFIXES: &[&str] = &[
        "os.path.",
        "posixpath.",
        "ntpath.",
        "base64.",
        "binascii.",
        "codecs.",
        "urllib.parse.",
        "zlib.",
        "gzip.",
        "bz2.",
        "lzma.",
        "lxml.etree.",
        "xml.etree.",
        "xml.dom.",
        "defusedxml.",
        "itertools.",
        "functools.",
        "operator.",
    ];
    EXACT.contains(&qualname) || PREFIXES.iter().any(|p| qualname.starts_with(p))
}

/// Propagators whose result is still the (text) value itself.
pub fn returns_text(qualname: &str) -> bool {
    matches!(
        qualname,
        "str"
            | "bytes"
            | "repr"
            | "format"
            | "unicode"
            | "html.unescape"
            | "urllib.unquote"
            | "urllib.unquote_plus"
            | "markdown.markdown"
            | "markdown"
    ) || qualname.starts_with("base64.")
        || qualname.starts_with("urllib.parse.unquote")
        || qualname.starts_with("os.path.")
        || qualname.starts_with("codecs.")
}

/// True if a string literal reads like a SQL statement.
pub fn looks_like_sql(text: &str) -> bool {
    use regex::Regex;
    use std::sync::LazyLock;
    static SQL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)^\W*(select\b.+\bfrom\b|insert\s+into\b|update\b.+\bset\b|delete\s+from\b|replace\s+into\b|create\s+table\b|drop\s+table\b|alter\s+table\b|with\b.+\bselect\b)")
            .expect("valid regex")
    });
    SQL.is_match(text)
}

/// Callee names that read like "run this command" (`_run_ssh`,
/// `execute_command`, `run_cmd`): a built string passed to one of them is
/// treated as a command. Database `execute` is excluded.
pub fn is_command_runner(last: &str) -> bool {
    let lower = last.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "execute" | "executemany" | "executescript" | "run" | "exec"
    ) {
        return false;
    }
    let tokens: Vec<&str> = lower.split('_').filter(|t| !t.is_empty()).collect();
    let has = |w: &str| tokens.contains(&w);
    (has("run") || has("exec") || has("execute") || has("call"))
        && (has("cmd")
            || has("command")
            || has("ssh")
            || has("shell")
            || has("cli")
            || has("adb")
            || has("process"))
        || has("ssh") && tokens.len() > 1
        || matches!(
            lower.as_str(),
            "check_output"
                | "getoutput"
                | "system"
                | "popen"
                | "spawn"
                | "run_command"
                | "runcmd"
                | "execcmd"
                | "exec_cmd"
                | "shell"
        )
}
