"""The fence around an uploaded Word template (mẫu Word do quản trị tải lên): checked before use, filled in a sandbox.

A docxtpl template is Jinja code written by a user; filled by a plain Jinja environment,
`{{ header.__class__.__mro__[1].__subclasses__() }}` reaches any Python class and runs commands on the server.
Two fences, each enough on its own for the classic payloads, both kept:

- `check` walks the template's syntax tree before it is accepted and before every use. A template may only
  print values ({{ … }}), branch ({% if %}) and loop ({% for %}) over the report's own lists, at most three
  loops deep. A value is a documented variable or one of its documented fields, a literal, a comparison,
  arithmetic, or one of a few filters. Any call, any attribute or key starting with "_", any unknown name or
  field, any other tag ({% set %}, {% macro %}, {% include %} …) is refused, with the paragraph it stands in.
- `environment` fills the template in Jinja's ImmutableSandboxedEnvironment with autoescape: no globals
  (no range, lipsum, cycler, namespace …), the same filters only, every call refused, `*` bounded and `**`
  refused, and a budget per document of time, loop iterations and characters written (`Budget`).
"""

import html
import re
import time
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# A template's loops nest at most this deep (the shipped one: sections → paragraphs).
MAX_LOOP_DEPTH = 3
# The budget of one document: seconds, loop iterations and characters written, over all its parts.
MAX_SECONDS = 10.0
MAX_ITERATIONS = 200_000
MAX_CHARACTERS = 50_000_000
# `"x" * n` may build at most this many characters or items; integers multiplied stay below 2**128.
MAX_REPEAT = 100_000
MAX_FACTOR_BITS = 128

FILTERS = (
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "float",
    "int",
    "join",
    "last",
    "length",
    "lower",
    "round",
    "string",
    "title",
    "trim",
    "truncate",
    "upper",
    "wordcount",
)
# What `loop` offers inside a {% for %}.
LOOP = {name: None for name in ("index", "index0", "revindex", "revindex0", "first", "last", "length")}

# Names of the tags a template may not use, for the message.
TAGS = {
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
    nodes.With: "{% with %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.Scope: "{% with %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.EvalContextModifier: "{% autoescape %}",
}


class Figures:
    """The shape of `f`: f.<indicator key>, the key written as a chain of attributes."""

    def __init__(self, path: str = ""):
        self.path = path


class TemplateLimit(Exception):
    """Filling a template went beyond its budget (time, iterations, characters) or tried a refused operation."""


# -- the check at upload ---------------------------------------------------------------------------------------


def paragraphs(source: str) -> str:
    """The source with each Word paragraph on its own line (as docxtpl fills it), so that a line number of the
    syntax tree names a paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def paragraph_text(source: str, lineno: int | None) -> str:
    """The words of the paragraph on a line of `paragraphs(source)`, shortened, for a message."""
    lines = source.split("\n")
    line = lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else ""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", line)).split())
    return text if len(text) <= 90 else text[:87] + "…"


class _Checker:
    def __init__(self, source: str, shapes: dict[str, Any], figures: Collection[str]):
        self.source = source
        self.shapes, self.figures = shapes, figures
        self.errors: list[str] = []

    def refuse(self, node: nodes.Node, message: str) -> None:
        where = paragraph_text(self.source, node.lineno)
        full = f"{message} (ở đoạn “{where}”)." if where else f"{message}."
        if full not in self.errors:
            self.errors.append(full)

    def unknown(self, written: str) -> None:
        message = f"Mẫu có chỗ điền không xác định: {{{{ {written} }}}}."
        if message not in self.errors:
            self.errors.append(message)

    # statements

    def body(self, statements: list[nodes.Node], scope: dict[str, Any], depth: int) -> None:
        for node in statements:
            self.statement(node, scope, depth)

    def statement(self, node: nodes.Node, scope: dict[str, Any], depth: int) -> None:
        if isinstance(node, nodes.Output):
            for item in node.nodes:
                if not isinstance(item, nodes.TemplateData):
                    self.value(item, scope)
        elif isinstance(node, nodes.If):
            self.value(node.test, scope)
            self.body(node.body, scope, depth)
            for branch in node.elif_:
                self.statement(branch, scope, depth)
            self.body(node.else_, scope, depth)
        elif isinstance(node, nodes.For):
            self.loop(node, scope, depth)
        else:
            tag = TAGS.get(type(node), f"lệnh {type(node).__name__}")
            self.refuse(node, f"Mẫu dùng {tag}: mẫu chỉ được điền giá trị, {{% if %}} và {{% for %}}")

    def loop(self, node: nodes.For, scope: dict[str, Any], depth: int) -> None:
        if depth >= MAX_LOOP_DEPTH:
            self.refuse(node, f"Mẫu lồng quá {MAX_LOOP_DEPTH} vòng lặp {{% for %}}")
            return
        if node.recursive:
            self.refuse(node, "Mẫu dùng vòng lặp đệ quy (recursive)")
            return
        shape = self.resolve(node.iter, scope)
        if shape is _REFUSED:
            return
        if not isinstance(shape, list):
            self.refuse(
                node,
                "Vòng lặp {% for %} chỉ được đi qua một danh sách của báo cáo (sections, s.paragraphs, table, charts)",
            )
            return
        if not isinstance(node.target, nodes.Name):
            self.refuse(node, "Vòng lặp {% for %} chỉ được đặt một tên cho mỗi phần tử")
            return
        inner = {**scope, node.target.name: shape[0], "loop": LOOP}
        if node.test is not None:
            self.value(node.test, inner)
        self.body(node.body, inner, depth + 1)
        self.body(node.else_, scope, depth)

    # expressions

    def value(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """An expression used as a value; `f.<key>` must then name an indicator."""
        shape = self.resolve(node, scope)
        if isinstance(shape, Figures):
            if shape.path not in self.figures:
                path = shape.path or "…"
                message = f"Mẫu có chỉ tiêu không xác định: {{{{ f.{path} }}}} (không có chỉ tiêu mã “{path}”)."
                if message not in self.errors:
                    self.errors.append(message)
            return None
        return shape

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            return self.named(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.field(node, self.resolve(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            return self.item(node, scope)
        if isinstance(node, nodes.Const):
            return None
        if isinstance(node, nodes.Call):
            return self.called(node, scope)
        if isinstance(node, nodes.Pow):  # (before BinExpr, which it is)
            self.refuse(node, "Mẫu dùng phép lũy thừa (**)")
            return _REFUSED
        if isinstance(node, nodes.Filter):
            return self.filtered(node, scope)
        if isinstance(node, nodes.Test):
            if node.dyn_args or node.dyn_kwargs:
                self.refuse(node, "Mẫu dùng phép thử với đối số động")
            self.values((node.node, *node.args, *(k.value for k in node.kwargs)), scope)
            return None
        if isinstance(node, nodes.Compare):
            self.values((node.expr, *(operand.expr for operand in node.ops)), scope)
            return None
        if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr, nodes.CondExpr, nodes.Concat, nodes.List, nodes.Tuple)):
            self.values(node.iter_child_nodes(), scope)
            return None
        self.refuse(node, f"Mẫu dùng biểu thức không được phép ({type(node).__name__})")
        return _REFUSED

    def named(self, node: nodes.Name, scope: dict[str, Any]) -> Any:
        if node.name in scope:
            return scope[node.name]
        if node.name in self.shapes:
            return self.shapes[node.name]
        self.unknown(node.name)
        return _REFUSED

    def called(self, node: nodes.Call, scope: dict[str, Any]) -> Any:
        self.refuse(node, "Mẫu gọi hàm: mẫu chỉ được điền giá trị, không được gọi hàm")
        self.resolve(node.node, scope)
        for child in (*node.args, *(k.value for k in node.kwargs), node.dyn_args, node.dyn_kwargs):
            if child is not None:
                self.resolve(child, scope)
        return _REFUSED

    def values(self, children: Iterable[nodes.Node | None], scope: dict[str, Any]) -> None:
        for child in children:
            if child is not None:
                self.value(child, scope)

    def field(self, node: nodes.Node, base: Any, name: str) -> Any:
        if name.startswith("_"):
            self.refuse(node, f"Mẫu dùng thuộc tính “{name}” bắt đầu bằng “_”: không được phép")
            return _REFUSED
        if base is _REFUSED:
            return _REFUSED
        if isinstance(base, Figures):
            return Figures(f"{base.path}.{name}" if base.path else name)
        if isinstance(base, dict) and name in base:
            return base[name]
        self.unknown(_written(node))
        return _REFUSED

    def item(self, node: nodes.Getitem, scope: dict[str, Any]) -> Any:
        base = self.resolve(node.node, scope)
        argument = node.arg
        if isinstance(argument, nodes.Slice):
            for child in argument.iter_child_nodes():
                self.value(child, scope)
            return base
        if not isinstance(argument, nodes.Const):
            self.refuse(node, "Mẫu dùng chỉ số tính toán trong [ ]: chỉ được dùng số hoặc tên viết sẵn")
            return _REFUSED
        if isinstance(argument.value, str):
            return self.field(node, base, argument.value)
        if isinstance(argument.value, int) and isinstance(base, list):
            return base[0]
        if base is not _REFUSED:
            self.refuse(node, "Mẫu dùng chỉ số [ ] không hợp lệ")
        return _REFUSED

    def filtered(self, node: nodes.Filter, scope: dict[str, Any]) -> Any:
        if node.name not in FILTERS:
            self.refuse(node, f"Mẫu dùng bộ lọc “{node.name}” không được phép (chỉ được dùng: {', '.join(FILTERS)})")
            return _REFUSED
        if node.dyn_args or node.dyn_kwargs:
            self.refuse(node, "Mẫu dùng bộ lọc với đối số động")
            return _REFUSED
        for child in (*node.args, *(k.value for k in node.kwargs)):
            self.value(child, scope)
        if node.node is not None:
            self.value(node.node, scope)
        return None


_REFUSED = object()


def _written(node: nodes.Node) -> str:
    """`header.foo`, `row["x"]` as the template writes it, for a message."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_written(node.node)}[{node.arg.value!r}]"
    return "…"


def check(tree: nodes.Template, source: str, shapes: dict[str, Any], figures: Collection[str]) -> list[str]:
    """Why a parsed template part may not be filled (empty when it may); `source` is what was parsed."""
    checker = _Checker(source, shapes, figures)
    checker.body(tree.body, {}, 0)
    return checker.errors


# -- the environment that fills ----------------------------------------------------------------------------------


class Budget:
    """Time, loop iterations and characters left for one document."""

    def __init__(self) -> None:
        self.seconds = MAX_SECONDS
        self.deadline = time.monotonic() + self.seconds
        self.iterations, self.characters = MAX_ITERATIONS, MAX_CHARACTERS

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"Điền mẫu Word quá {self.seconds:g} giây: mẫu có vòng lặp hoặc phép tính quá lớn.")

    def iterate(self) -> None:
        self.iterations -= 1
        if self.iterations < 0:
            raise TemplateLimit(
                f"Mẫu Word lặp quá {MAX_ITERATIONS:,} lần: hãy bớt các vòng lặp lồng nhau.".replace(",", ".")
            )
        if self.iterations % 1000 == 0:
            self.tick()

    def write(self, chunk: str) -> None:
        self.characters -= len(chunk)
        if self.characters < 0:
            raise TemplateLimit("Văn bản điền từ mẫu Word quá lớn: hãy bớt các vòng lặp lồng nhau.")


class _Counted(list):
    """A list of the report's content whose every iteration is charged to the budget."""

    budget: Budget

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            self.budget.iterate()
            yield item


def bounded(value: Any, budget: Budget) -> Any:
    """The content with every list made a counted list (dicts and lists copied, other values as they are)."""
    if isinstance(value, dict):
        return {key: bounded(item, budget) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        counted = _Counted(bounded(item, budget) for item in value)
        counted.budget = budget
        return counted
    return value


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, budget: Budget):
        super().__init__(autoescape=True)
        self.budget = budget
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in FILTERS}

    def concat(self, chunks) -> str:  # the whole output of a part goes through here
        written = []
        for chunk in chunks:
            self.budget.write(chunk)
            written.append(chunk)
            if len(written) % 1000 == 0:
                self.budget.tick()
        return "".join(written)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        raise SecurityError("Mẫu Word không được gọi hàm.")

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            raise SecurityError("Mẫu Word không được dùng phép lũy thừa.")
        for repeated, times in ((left, right), (right, left)):
            if (
                isinstance(repeated, (str, list, tuple))
                and isinstance(times, int)
                and len(repeated) * max(times, 0) > MAX_REPEAT
            ):
                raise TemplateLimit("Mẫu Word nhân chuỗi quá dài.")
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and max(abs(left).bit_length(), abs(right).bit_length()) > MAX_FACTOR_BITS
        ):
            raise TemplateLimit("Mẫu Word nhân số quá lớn.")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()
        return super().getitem(obj, argument)


def environment(budget: Budget) -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed environment charging `budget` (one per document)."""
    return _Sandbox(budget)


def parser() -> ImmutableSandboxedEnvironment:
    """An environment to parse templates with (the same syntax as the one that fills)."""
    return _Sandbox(Budget())
