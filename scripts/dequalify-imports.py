#!/usr/bin/env python3
"""Turns inline fully-qualified class names in Java code into imports (ADR 0021).

    python3 scripts/dequalify-imports.py            # rewrite the files under */src/{main,test}/java
    python3 scripts/dequalify-imports.py --check    # list what it would change, change nothing
    python3 scripts/dequalify-imports.py FILE...    # only these files

`io.godfs.api.v1.FileStatus x = ...` becomes `FileStatus x = ...` plus `import io.godfs.api.v1.FileStatus;`
(`java.util.Map.Entry` imports `java.util.Map` and leaves `Map.Entry`; `java.lang.X` loses its
qualifier and gets no import). Names in comments, strings, char literals and text blocks, and import
and package lines, are left alone: the same names the checkstyle rule InlineFullyQualifiedName
(build/checkstyle.xml) reports.

A name is kept qualified when importing it would change or break what another name means, and the
file's top-level type then gets `@SuppressWarnings("checkstyle:InlineFullyQualifiedName")` (the
rule's way out; by hand, put it on the narrowest method or field instead):
- the file declares a type of that simple name, or imports another class of that simple name;
- the file qualifies two classes of one simple name from different packages (all of them stay);
- the file's own package has a class of that simple name (in any module's src/main or src/test);
- the simple name is a java.lang class (String, Record, Process, ...) and the class is not java.lang's.
Such names are listed. Run spotless:apply before and after (to sort the new imports and re-wrap
the shortened lines):

    ./mvnw spotless:apply && python3 scripts/dequalify-imports.py && ./mvnw spotless:apply

By hand on the tree of 2026-12-04 (what checkstyle reports after these three steps): in
deployments/src/test/java/io/godfs/deployments/kubernetes, `import static ...KubeObjects.*;` becomes
one static import per member used (HelmChartTest: at containers env kind maps name ofKind string
workloads; ManifestRules: at component containerPort containers describe env envReferences kind
listenPort map maps name ofKind podLabels selects string workloads; ManifestRulesTest: component
containers env kind map name ofKind). That was done once; the tree has none left.
"""

import argparse
import pathlib
import re
import sys

ROOTS = ("java", "javax", "jdk", "io", "org", "com")
FQN = re.compile(
    r"(?<![\w.$])((?:" + "|".join(ROOTS) + r")\.[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\.([A-Z][A-Za-z0-9_$]*)"
)
SUPPRESS = '@SuppressWarnings("checkstyle:InlineFullyQualifiedName")'
JAVA_LANG = set(
    """AbstractMethodError Appendable ArithmeticException ArrayIndexOutOfBoundsException ArrayStoreException
    AssertionError AutoCloseable Boolean BootstrapMethodError Byte Character CharSequence Class ClassCastException
    ClassLoader ClassNotFoundException ClassValue CloneNotSupportedException Cloneable Comparable Compiler Deprecated
    Double Enum EnumConstantNotPresentException Error Exception ExceptionInInitializerError Float FunctionalInterface
    IllegalAccessError IllegalAccessException IllegalArgumentException IllegalCallerException IllegalMonitorStateException
    IllegalStateException IllegalThreadStateException IncompatibleClassChangeError IndexOutOfBoundsException
    InheritableThreadLocal InstantiationError InstantiationException Integer InternalError InterruptedException
    Iterable LayerInstantiationException LinkageError Long MatchException Math Module ModuleLayer NegativeArraySizeException
    NoClassDefFoundError NoSuchFieldError NoSuchFieldException NoSuchMethodError NoSuchMethodException NullPointerException
    Number NumberFormatException Object OutOfMemoryError Override Package Process ProcessBuilder ProcessHandle Readable
    Record ReflectiveOperationException Runnable Runtime RuntimeException RuntimePermission SafeVarargs ScopedValue
    SecurityException SecurityManager Short StackOverflowError StackTraceElement StackWalker StrictMath String StringBuffer
    StringBuilder StringIndexOutOfBoundsException StringTemplate SuppressWarnings System Thread ThreadDeath ThreadGroup
    ThreadLocal Throwable TypeNotPresentException UnknownError UnsatisfiedLinkError UnsupportedClassVersionError
    UnsupportedOperationException VerifyError VirtualMachineError Void WrongThreadException""".split()
)


def code_mask(text):
    """A copy of text with comments, strings, char literals and text blocks blanked (newlines kept),
    and, per line, whether the line ends in code (a trailing // comment may be added there)."""
    out = list(text)
    i, n = 0, len(text)
    state = "code"
    while i < n:
        c = text[i]
        if state == "code":
            if text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                for k in range(i, j):
                    out[k] = " "
                i = j
                continue
            if text.startswith("/*", i):
                j = text.find("*/", i + 2)
                j = n if j < 0 else j + 2
                for k in range(i, j):
                    if text[k] != "\n":
                        out[k] = " "
                i = j
                continue
            if text.startswith('"""', i):
                j = i + 3
                while j < n and not (text.startswith('"""', j) and text[j - 1] != "\\"):
                    j += 1
                j = min(n, j + 3)
                for k in range(i, j):
                    if text[k] != "\n":
                        out[k] = " "
                i = j
                continue
            if c in "\"'":
                j = i + 1
                while j < n and text[j] != c and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                j = min(n, j + 1)
                for k in range(i + 1, j - 1):
                    out[k] = " "
                i = j
                continue
        i += 1
    return "".join(out)


def same_package_classes(path, package):
    """Simple names of the top-level classes in this package, in every module's main and test tree."""
    names = set()
    if not package:
        return names
    rel = pathlib.Path(*package.split("."))
    for src in REPO.glob("**/src/*/java"):
        if "target" in src.parts:
            continue
        d = src / rel
        if d.is_dir():
            names.update(p.stem for p in d.glob("*.java"))
    return names


def process(path, check):
    text = path.read_text(encoding="utf-8")
    masked = code_mask(text)
    lines = text.split("\n")
    mlines = masked.split("\n")
    pkg = re.search(r"^\s*package\s+([\w.]+)\s*;", masked, re.M)
    package = pkg.group(1) if pkg else ""
    imports = {}  # simple name -> imported fqn
    for m in re.finditer(r"^\s*import\s+(?!static\b)([\w.]+)\.(\w+)\s*;", masked, re.M):
        imports[m.group(2)] = m.group(1) + "." + m.group(2)
    declared = set(re.findall(r"\b(?:class|interface|enum|record|@interface)\s+([A-Z]\w*)", masked))

    hits = []  # (line index, start, end, package, simple)
    for li, ml in enumerate(mlines):
        if re.match(r"\s*(import|package)\s", ml):
            continue
        for m in FQN.finditer(ml):
            hits.append((li, m.start(), m.end(), m.group(1), m.group(2)))
    if not hits:
        return [], []

    by_simple = {}
    for h in hits:
        by_simple.setdefault(h[4], set()).add(h[3])
    local = None
    clash = {}  # (package, simple) -> reason
    for simple, pkgs in by_simple.items():
        for p in pkgs:
            fqn = p + "." + simple
            reason = None
            if len(pkgs) > 1:
                reason = "clashes with " + " and ".join(sorted(q + "." + simple for q in pkgs if q != p))
            elif simple in declared:
                reason = "clashes with the " + simple + " declared here"
            elif simple in imports and imports[simple] != fqn:
                reason = "clashes with imported " + imports[simple]
            elif p != "java.lang":
                if local is None:
                    local = same_package_classes(path, package)
                if p != package and simple in local:
                    reason = "clashes with " + package + "." + simple
                elif simple in JAVA_LANG:
                    reason = "clashes with java.lang." + simple
            if reason:
                clash[(p, simple)] = reason

    changes, kept = [], []
    new_imports = set()
    comments = {}  # line index -> reason a name stays qualified
    for li, s, e, p, simple in sorted(hits, reverse=True):
        if (p, simple) in clash:
            comments.setdefault(li, clash[(p, simple)])
            kept.append(f"{path}:{li + 1}: {p}.{simple} kept: {clash[(p, simple)]}")
            continue
        line = lines[li]
        lines[li] = line[:s] + simple + line[s + len(p) + 1 + len(simple):]
        if p != "java.lang" and p != package and imports.get(simple) != p + "." + simple:
            new_imports.add(p + "." + simple)
        changes.append(f"{path}:{li + 1}: {p}.{simple} -> {simple}")
    if comments and SUPPRESS not in text:
        # The way out (build/checkstyle.xml): the top-level type carries the suppression.
        top = next(
            (li for li, ml in enumerate(mlines)
             if re.match(r"(?:(?:public|final|abstract|sealed|non-sealed|static)\s+)*(?:class|interface|enum|record)\s", ml)),
            None,
        )
        if top is None or re.match(r"\s*@SuppressWarnings", mlines[top - 1]):
            kept.append(f"{path}: add {SUPPRESS} by hand (no top-level type found, or it has one already)")
        else:
            lines[top:top] = [SUPPRESS]
    if new_imports:
        last = None
        for li, ml in enumerate(mlines):
            if re.match(r"\s*import\s", ml):
                last = li
            elif re.match(r"\s*(public|final|abstract|sealed|non-sealed|class|interface|enum|record|@)", ml):
                break
        add = [f"import {i};" for i in sorted(new_imports)]
        if last is None:
            at = next(li for li, ml in enumerate(mlines) if re.match(r"\s*package\s", ml)) + 1
            add = [""] + add
        else:
            at = last + 1
        lines[at:at] = add
    if not check and (changes or comments):
        path.write_text("\n".join(lines), encoding="utf-8")
    return changes, kept


def main():
    global REPO
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="list, change nothing; exit 1 if anything is found")
    ap.add_argument("files", nargs="*", type=pathlib.Path)
    args = ap.parse_args()
    REPO = pathlib.Path(__file__).resolve().parent.parent
    files = args.files or sorted(
        p for p in REPO.glob("**/src/*/java/**/*.java") if "target" not in p.relative_to(REPO).parts
    )
    changed, kept_all = 0, []
    for f in files:
        changes, kept = process(f, args.check)
        for c in sorted(changes):
            print(c)
        kept_all += kept
        changed += bool(changes)
    for k in sorted(kept_all):
        print(k)
    verb = "would change" if args.check else "changed"
    print(f"dequalify-imports: {verb} {changed} files; kept qualified (clash): {len(kept_all)}", file=sys.stderr)
    return 1 if args.check and (changed or kept_all) else 0


if __name__ == "__main__":
    sys.exit(main())
