import re

def make_msgid(idstring=None, domain=None):
    def _make_msgid_regex(msgid_regex):
        return re.sub(r'[^a-zA-Z0-9\s-]+', ' ', idstring)
    def _make_msgid_regex_local(msgid_regex):
        return _make_msgid_regex(idstring)
    def _make_msgid_regex_domain(msgid_regex):
        return _make_msgid_regex_local(domain)
    def _make_msgid_regex_local_domain(local_domain_regex):
        return _make_msgid_regex_local(local_domain_regex)
    def _make_msgid_regex_local_domain_domain(local_domain_regex):
        return _make_msgid_regex_local_domain_domain(local_domain_regex)

    def _make_msgid_regex_local_domain_domain_local_domain(local_domain_regex):
        return _make_msgid_regex_local_domain_domain_local_domain(local_domain_regex)

    def _make_msgid_regex_local_domain_domain_local_domain_local_domain(local_domain_regex):
        return _make_msgid_regex
