# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A strict command grammar for the lab: every word of a typed line is checked.

Notation (one command a line, in tests/lab/grammar_ios.py and grammar_nxos.py)::

    license smart trust idtoken <word> {local|all} [force]   -- C4 (seed 000)
    ntp server [vrf <vrf!>] [ip|ipv6] <host> [prefer|version <1-4>|key <1-4294967295>]*   -- G9, G13, C4
    crypto pki trustpoint <word>  => ca-trustpoint           -- C4
    license smart vrf <vrf>  @since 17.7.1                   -- C1 (absent from C2/C3b)

- ``word``: a keyword. Typed words match case-insensitively, by unique prefix (``sh lic sta``).
- ``<type>``: a typed argument (ARG_TYPES below); ``<4-16>``: a whole number in that range.
- ``[a b]``: optional; ``[a|b]``: optional, one of; ``{a|b}``: exactly one of; ``[...]*``: any
  number of times, in any order.
- A long line may go on after a backslash (Python joins the lines).
- ``=> mode``: the command opens that sub-mode. ``@since V`` / ``@until V``: the releases the
  command exists in (the scenario's ``version``). ``@noform``: no ``no`` form. ``-- source``: where
  the syntax comes from (a REFERENCES.md tag, a seed line, or I = the lab's own inference).

The ``no`` form of a configuration command is the command with everything after its first
argument optional (``no ntp server 192.0.2.1``); a line starting with ``no`` adds a ``no`` form
of its own (``no license smart transport``).

``Grammar.match(text, context)`` returns a Match: ``kind`` is ``ok``, ``invalid`` (caret under
``offset``), ``incomplete`` or ``ambiguous``; ``words`` are the typed words with keywords spelled
out in full; ``entry`` is the command matched; ``problem`` a device message for a line that parses
but names something that does not exist (a VRF).
"""

from __future__ import annotations

import ipaddress
import re

# -- argument types -----------------------------------------------------------------------------------------------

_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")
_URL = re.compile(r"^(?P<scheme>https?)://(?P<host>\[[0-9A-Fa-f:.]+\]|[^/:\s\[\]]+)(?::(?P<port>\d{1,5}))?(?P<path>/\S*)?$",
                  re.IGNORECASE)
_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9-]*:)\S*$|^(?:tftp|ftp|scp|http|https)://\S+$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9_.:-]{1,32}$")


def is_ipv4(token):
    parts = token.split(".")
    return len(parts) == 4 and all(part.isdigit() and len(part) <= 3 and int(part) <= 255 for part in parts)


def is_ipv6(token):
    if ":" not in token:
        return False
    try:
        ipaddress.IPv6Address(token)
    except ValueError:
        return False
    return True


def is_host(token):
    """An IPv4 / IPv6 address or a DNS name (letters, digits, '-', '_' in dot-separated labels)."""
    if is_ipv4(token) or is_ipv6(token):
        return True
    labels = token.rstrip(".").split(".")
    if len(token) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        return False
    # All-numeric dotted words are broken addresses, not names (1.2.3.400).
    return not all(label.isdigit() for label in labels)


def is_url(token):
    match = _URL.match(token)
    if not match:
        return False
    host = match.group("host").strip("[]")
    port = match.group("port")
    return is_host(host) and (port is None or 0 < int(port) <= 65535)


def _ipv4_prefix(token):
    address, _slash, length = token.partition("/")
    return is_ipv4(address) and length.isdigit() and int(length) <= 32


def _hhmm(token):
    match = re.match(r"^(\d{1,2}):(\d{2})$", token)
    return bool(match) and int(match.group(1)) < 24 and int(match.group(2)) < 60


def _date_time(token):
    match = re.match(r"^(\d{1,2}):(\d{2}):(\d{2})$", token)
    return bool(match) and int(match.group(1)) < 24 and int(match.group(2)) < 60 and int(match.group(3)) < 60


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
          "december")

# Interface types by platform (long name as shown, the lab accepts any unique prefix).
INTERFACE_TYPES = {
    "ios": ("GigabitEthernet", "TenGigabitEthernet", "FortyGigabitEthernet", "HundredGigE", "TwentyFiveGigE",
            "AppGigabitEthernet", "FastEthernet", "Loopback", "Vlan", "Port-channel", "Tunnel", "Null"),
    "nxos": ("Ethernet", "mgmt", "loopback", "Vlan", "port-channel", "Tunnel", "nve"),
}
_IF_NUMBER = re.compile(r"^\d+(?:/\d+){0,3}(?:\.\d+)?$")


def interface_type(word, platform):
    """The interface type a (possibly abbreviated) word names, or None (also when ambiguous)."""
    low = word.lower()
    types = INTERFACE_TYPES[platform]
    exact = [name for name in types if name.lower() == low]
    if exact:
        return exact[0]
    found = [name for name in types if name.lower().startswith(low)]
    return found[0] if len(found) == 1 else None


def _interface_name(token, platform):
    match = re.match(r"^([A-Za-z-]+)(\d.*)$", token)
    return bool(match) and interface_type(match.group(1), platform) is not None and bool(_IF_NUMBER.match(match.group(2)))


ARG_TYPES = {
    "word": lambda token, platform: True,
    "line": lambda token, platform: True,
    "ipv4": lambda token, platform: is_ipv4(token),
    "ipv4/len": lambda token, platform: _ipv4_prefix(token),
    "ipv6": lambda token, platform: is_ipv6(token),
    "ip": lambda token, platform: is_ipv4(token) or is_ipv6(token),
    "host": lambda token, platform: is_host(token),
    "url": lambda token, platform: is_url(token),
    "file": lambda token, platform: bool(_FILE.match(token)),
    "vrf": lambda token, platform: bool(_NAME.match(token)),
    "vrf!": lambda token, platform: bool(_NAME.match(token)),
    "name": lambda token, platform: bool(_NAME.match(token)),
    "ifname": _interface_name,
    "iftype": lambda token, platform: not any(ch.isdigit() for ch in token) and interface_type(token, platform) is not None,
    "ifnumber": lambda token, platform: bool(_IF_NUMBER.match(token)),
    "hh:mm": lambda token, platform: _hhmm(token),
    "hh:mm:ss": lambda token, platform: _date_time(token),
    "month": lambda token, platform: any(month.startswith(token.lower()) for month in MONTHS) and len(token) >= 3,
    "hex": lambda token, platform: bool(re.match(r"^[0-9A-Fa-f]+$", token)),
    "email": lambda token, platform: bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", token)),
}

# Arguments that name something the device must already have: (type, what the check needs).
CHECKED = {"vrf!"}


def _range_check(low, high):
    def check(token, platform):
        del platform
        return bool(re.match(r"^-?\d+$", token)) and low <= int(token) <= high
    return check


# -- syntax trees -------------------------------------------------------------------------------------------------

class Kw:
    __slots__ = ("word",)

    def __init__(self, word):
        self.word = word.lower()


class Arg:
    __slots__ = ("name", "check")

    def __init__(self, name):
        self.name = name
        range_match = re.match(r"^(-?\d+)-(-?\d+)$", name)
        if range_match:
            self.check = _range_check(int(range_match.group(1)), int(range_match.group(2)))
        elif name in ARG_TYPES:
            self.check = ARG_TYPES[name]
        else:
            raise ValueError("unknown argument type <%s>" % name)


class Seq:
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items


class Alt:
    __slots__ = ("options", "optional", "repeat")

    def __init__(self, options, optional=False, repeat=False):
        self.options = options
        self.optional = optional
        self.repeat = repeat


_SYNTAX_TOKEN = re.compile(r"\]\*|[\[\]{}|]|<[^>\s]+>|[^\s\[\]{}|<>]+")


def parse_syntax(text):
    """A syntax line (see the module docstring) as a tree of Seq / Alt / Kw / Arg."""
    tokens = _SYNTAX_TOKEN.findall(text)
    position = [0]

    def peek():
        return tokens[position[0]] if position[0] < len(tokens) else None

    def take():
        token = tokens[position[0]]
        position[0] += 1
        return token

    def alternatives(closers):
        options = [sequence(closers + ("|",))]
        while peek() == "|":
            take()
            options.append(sequence(closers + ("|",)))
        return options

    def sequence(stops):
        items = []
        while peek() is not None and peek() not in stops:
            token = take()
            if token == "[":
                options = alternatives(("]", "]*"))
                closer = take() if peek() in ("]", "]*") else None
                if closer is None:
                    raise ValueError("unclosed [ in %r" % text)
                items.append(Alt(options, optional=True, repeat=closer == "]*"))
            elif token == "{":
                options = alternatives(("}",))
                if peek() != "}":
                    raise ValueError("unclosed { in %r" % text)
                take()
                items.append(Alt(options))
            elif token.startswith("<"):
                name = token[1:-1]
                if name == "interface":
                    items.append(Alt([Seq([Arg("ifname")]), Seq([Arg("iftype"), Arg("ifnumber")])]))
                else:
                    items.append(Arg(name))
            elif token in ("]", "]*", "}", "|"):
                raise ValueError("unexpected %r in %r" % (token, text))
            else:
                items.append(Kw(token))
        return Seq(items)

    tree = sequence(())
    if position[0] != len(tokens):
        raise ValueError("unexpected %r in %r" % (tokens[position[0]], text))
    return tree


def no_form(tree):
    """The default ``no`` form: everything after the first top-level argument becomes optional."""
    items = list(tree.items)
    for index, item in enumerate(items):
        if isinstance(item, Arg) or (isinstance(item, Alt) and not item.optional and _has_arg(item)):
            rest = items[index + 1:]
            if not rest:
                return tree
            return Seq(items[:index + 1] + [Alt([Seq(rest)], optional=True)])
    return tree


def _has_arg(node):
    if isinstance(node, Arg):
        return True
    if isinstance(node, Kw):
        return False
    if isinstance(node, Seq):
        return any(_has_arg(item) for item in node.items)
    return any(_has_arg(option) for option in node.options)


# -- entries ------------------------------------------------------------------------------------------------------

def version_key(text):
    """'17.09.04a' -> (17, 9, 4); '10.3(4a)' -> (10, 3, 4); '10.2(1)F' -> (10, 2, 1)."""
    numbers = [int(part) for part in re.findall(r"\d+", str(text or ""))[:3]]
    return tuple(numbers + [0] * (3 - len(numbers)))


class Entry:  # pylint: disable=too-many-instance-attributes
    """One command of one mode."""

    def __init__(self, line, mode):
        syntax, _sep, source = line.partition(" -- ")
        if not source.strip():
            raise ValueError("grammar line without a source: %r" % line)
        self.source = source.strip()
        self.mode = mode
        self.enter = None
        self.since = None
        self.until = None
        self.noform = True
        words = []
        parts = syntax.split()
        index = 0
        while index < len(parts):
            part = parts[index]
            if part == "=>":
                self.enter = parts[index + 1]
                index += 2
                continue
            if part in ("@since", "@until"):
                setattr(self, part[1:], version_key(parts[index + 1]))
                index += 2
                continue
            if part == "@noform":
                self.noform = False
                index += 1
                continue
            words.append(part)
            index += 1
        self.syntax = " ".join(words)
        self.tree = parse_syntax(self.syntax)
        self.first = self.tree.items[0].word if self.tree.items and isinstance(self.tree.items[0], Kw) else None

    def exists_in(self, version):
        key = version_key(version) if version else None
        if key is None:
            return True
        if self.since and key < self.since:
            return False
        return not (self.until and key >= self.until)

    def __repr__(self):
        return "Entry(%r, %s)" % (self.syntax, self.mode)


def entries(spec, mode):
    """Entries of a spec text: one per non-empty line; '#' starts a comment line."""
    found = []
    for line in spec.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            found.append(Entry(line, mode))
    return found


# -- matching -----------------------------------------------------------------------------------------------------

class _Nfa:
    """All entries of one grammar compiled into one automaton: states with labelled and empty edges."""

    def __init__(self):
        self.edges = []      # state -> [(Kw or Arg, target)]
        self.empty = []      # state -> [target]
        self.accept = {}     # state -> entry

    def state(self):
        self.edges.append([])
        self.empty.append([])
        return len(self.edges) - 1

    def build(self, node, start):
        """Wire node from start; return its end state."""
        if isinstance(node, (Kw, Arg)):
            end = self.state()
            self.edges[start].append((node, end))
            if isinstance(node, Arg) and node.name == "line":
                self.edges[end].append((node, end))
            return end
        if isinstance(node, Seq):
            current = start
            for item in node.items:
                current = self.build(item, current)
            return current
        end = self.state()
        entry_state = start
        if node.repeat:
            entry_state = self.state()
            self.empty[start].append(entry_state)
            self.empty[end].append(entry_state)
        for option in node.options:
            self.empty[self.build(option, entry_state)].append(end)
        if node.optional:
            self.empty[start].append(end)
        return end

    def closure(self, states):
        seen = set(states)
        todo = list(states)
        while todo:
            state = todo.pop()
            for target in self.empty[state]:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen


class Match:
    __slots__ = ("kind", "offset", "words", "entry", "problem", "checked", "furthest")

    def __init__(self, kind, offset=0, words=(), entry=None, problem=None, checked=(), furthest=0):
        self.kind = kind
        self.offset = offset
        self.words = list(words)
        self.entry = entry
        self.problem = problem
        self.checked = list(checked)
        self.furthest = furthest

    @property
    def ok(self):
        return self.kind == "ok"

    def __repr__(self):
        return "Match(%s, %s, %r, %r)" % (self.kind, self.offset, self.words, self.entry)


def tokens_of(text):
    return [(found.group(), found.start()) for found in re.finditer(r"\S+", text)]


class Grammar:
    """The commands of one mode (or one ``no`` form set) for one platform and release."""

    def __init__(self, platform, items, negated=False):
        self.platform = platform
        self.items = list(items)
        self.nfa = _Nfa()
        self.start = self.nfa.state()
        for entry in self.items:
            tree = entry.tree
            if negated and entry.first == "no":
                tree = Seq(tree.items[1:])
            elif negated:
                tree = no_form(tree)
            self.nfa.accept[self.nfa.build(tree, self.start)] = entry

    def _step(self, states, token):
        """(next states, kind, expanded word) for one typed token."""
        nfa = self.nfa
        low = token.lower()
        keywords = {}
        args = []
        for state, caps in states:
            for label, target in nfa.edges[state]:
                if isinstance(label, Kw):
                    keywords.setdefault(label.word, []).append((target, caps))
                else:
                    args.append((label, target, caps))
        if low in keywords:
            chosen = low
        else:
            prefixed = [word for word in keywords if word.startswith(low)]
            if len(prefixed) > 1:
                return None, "ambiguous", token
            chosen = prefixed[0] if prefixed else None
        if chosen is not None:
            return set(keywords[chosen]), "ok", chosen
        found = set()
        for label, target, caps in args:
            if label.check(token, self.platform):
                if label.name in CHECKED:
                    caps = caps + ((label.name, token),)
                found.add((target, caps))
        if not found:
            return None, "invalid", token
        return found, "ok", token

    def _closure(self, states):
        nfa = self.nfa
        result = set()
        for state, caps in states:
            for target in nfa.closure([state]):
                result.add((target, caps))
        return result

    def match(self, text, offset=0):
        """Match a typed line (text after any prefix; offset = where text starts in the typed line)."""
        tokens = tokens_of(text)
        states = self._closure({(self.start, ())})
        words = []
        for index, (token, where) in enumerate(tokens):
            nxt, kind, word = self._step(states, token)
            if kind != "ok":
                return Match(kind, offset + where, words, furthest=index)
            words.append(word)
            states = self._closure(nxt)
        accepted = [(self.nfa.accept[state], caps) for state, caps in states if state in self.nfa.accept]
        if not accepted:
            return Match("incomplete", offset + len(text.rstrip()) + 1, words, furthest=len(tokens))
        order = {id(entry): index for index, entry in enumerate(self.items)}
        entry, caps = min(accepted, key=lambda item: (order[id(item[0])], len(item[1])))
        return Match("ok", offset, words, entry, checked=caps, furthest=len(tokens) + 1)

    def next_words(self, text):
        """What may follow text (for '?' help): (keywords, argument names, complete)."""
        tokens = tokens_of(text)
        partial = None
        if tokens and not text.endswith((" ", "\t")):
            partial = tokens.pop()[0].lower()
        states = self._closure({(self.start, ())})
        for token, _where in tokens:
            nxt, kind, _word = self._step(states, token)
            if kind != "ok":
                return None
            states = self._closure(nxt)
        keywords, args = set(), set()
        for state, _caps in states:
            for label, _target in self.nfa.edges[state]:
                if isinstance(label, Kw):
                    if partial is None or label.word.startswith(partial):
                        keywords.add(label.word)
                elif partial is None:
                    args.add(label.name)
        complete = partial is None and any(state in self.nfa.accept for state, _caps in states)
        return sorted(keywords), sorted(args), complete


class ModeGrammars:
    """Every mode's grammar for one platform, built per release on first use."""

    def __init__(self, platform, specs):
        self.platform = platform
        self.by_mode = {mode: entries(spec, mode) for mode, spec in specs.items()}
        self._cache = {}

    def grammar(self, mode, version=None, negated=False):
        key = (mode, str(version or ""), negated)
        if key not in self._cache:
            items = [entry for entry in self.by_mode.get(mode, []) if entry.exists_in(version)]
            if negated:
                items = [entry for entry in items if entry.noform or entry.first == "no"]
            else:
                items = [entry for entry in items if entry.first != "no"]
            self._cache[key] = Grammar(self.platform, items, negated)
        return self._cache[key]

    def modes(self):
        return sorted(self.by_mode)
