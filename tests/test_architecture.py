"""The import rule of docs/architecture.md (issue 13): no import circle, and no import from a lower app to a higher one.

Every .py file of the portal's packages (migrations and tests aside) is parsed; each ``import x`` and
``from x import y`` that names a portal module, wherever it stands (inside functions too), is an edge of the module
graph. A module's layer is the longest entry of LAYERS that is a dotted prefix of its name.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["digitutor", "members", "meetings", "goals"]

# The floor plan, written once, lowest first: a module may import its own floor and the floors below it, never one
# above. The shared kernel is everything in digitutor/ that is not on the top floor (settings, roles, mail, the
# registry the upper apps fill at start-up, ...); digitutor.settings stays in it, as it names the apps only as strings.
# The top floor is the composition root, which may combine every app. Only imports are judged: a model named by a
# string (ForeignKey("claims.TravelClaim"), apps.get_model) or an app in INSTALLED_APPS is not an import.
FLOORS = [
    ("kernel", ["digitutor"]),
    ("members", ["members"]),
    ("meetings", ["meetings"]),
    ("actionday", ["meetings.actionday"]),
    ("claims", ["meetings.claims"]),
    ("goals", ["goals"]),
    (
        "top floor",
        [
            "digitutor.home",
            "digitutor.urls",
            "digitutor.management.commands.load_demo",
            "digitutor.management.commands.build_icon_sprite",
        ],
    ),
]
LAYERS = {prefix: (level, name) for level, (name, prefixes) in enumerate(FLOORS) for prefix in prefixes}


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def portal_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield path


MODULES = {module_name(path): path for path in portal_files()}


def layer_of(module):
    """(level, floor name) of the longest LAYERS prefix of the module."""
    prefixes = [prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")]
    return LAYERS[max(prefixes, key=len)]


def is_portal(name):
    return name.split(".")[0] in PACKAGES


def resolve(name):
    """The portal module an import names: the longest dotted prefix that is one of our files (or packages)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in MODULES:
            return candidate
    return name  # a module we do not have (deleted, or made at run time): still judged by its prefix


class Imports(ast.NodeVisitor):
    """Every portal import of one module as (target, line, at import time?)."""

    def __init__(self, module, is_package):
        self.module, self.is_package = module, is_package
        self.found = []
        self.depth = 0  # > 0 inside a function, or under `if TYPE_CHECKING:`: not run when the module is imported

    def deferred(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = deferred

    def visit_If(self, node):
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            self.deferred(node)
        else:
            self.generic_visit(node)

    def add(self, name, node):
        if is_portal(name):
            target = resolve(name)
            found = (target, node.lineno, self.depth == 0)
            if target != self.module and found not in self.found:
                self.found.append(found)

    def visit_Import(self, node):
        for alias in node.names:
            self.add(alias.name, node)

    def visit_ImportFrom(self, node):
        if node.level:  # relative: from the module's package, one level up per extra dot
            package = self.module.split(".") if self.is_package else self.module.split(".")[:-1]
            base = package[: len(package) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module
        for alias in node.names:
            # `from meetings import claims` imports the module meetings.claims; `from x import a_function` imports x.
            submodule = f"{source}.{alias.name}"
            self.add(submodule if submodule in MODULES else source, node)


def import_graph():
    """{module: [(target, line, at import time?), ...]} for every portal module."""
    graph = {}
    for module, path in MODULES.items():
        visitor = Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        graph[module] = visitor.found
    return graph


def where(module, line):
    return f"{MODULES[module].relative_to(ROOT)}:{line}"


def cycles(graph):
    """The import circles, each as the strongly connected component's modules (Tarjan), largest first.

    Only imports run when the module is imported count here. An import inside a function runs when the function is
    called, after every module has loaded, so it cannot make an import fail half-way; a deferred import to a *higher*
    floor is still a dependency the wrong way, and the floor rule (which counts every import) reports it. A circle
    that stays on one floor through deferred imports (services ↔ selectors of one app) is left alone: that is the
    usual way to break a circle, not a circle.
    """
    edges = {
        module: sorted({target for target, _, eager in imports if eager and target in graph})
        for module, imports in graph.items()
    }
    index, low, on_stack, stack, components = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in edges[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(components, key=len, reverse=True)


def test_the_walk_sees_every_module_its_floor_and_its_imports():
    graph = import_graph()
    assert {"members.models", "meetings.claims.services", "digitutor.home.views", "goals.models"} <= set(graph)
    assert layer_of("digitutor.roles") == (0, "kernel")
    assert layer_of("digitutor.settings.base") == (0, "kernel")  # names the apps as strings, imports none
    assert layer_of("meetings.models") == (2, "meetings")
    assert layer_of("meetings.claims.models") == (4, "claims")
    assert layer_of("digitutor.home.dashboard") == (6, "top floor")
    # Imports the walk must find, so that a broken walk cannot pass by finding nothing: an absolute one, one inside
    # AppConfig.ready() (deferred), and `from package import module` resolved to the module.
    assert ("digitutor.home.dashboard", 5, True) in graph["digitutor.home.views"]
    assert ("meetings.claims.personal_data", 14, False) in graph["meetings.claims.apps"]
    assert any(target == "meetings.claims.rules" for target, _, _ in graph["meetings.claims.services"])


def test_the_circle_finder_finds_a_circle():
    graph = {
        "a": [("b", 1, True)],
        "b": [("c", 1, True)],
        "c": [("a", 1, True)],
        "d": [("a", 1, True), ("e", 1, False)],
        "e": [("d", 1, True)],  # d → e only inside a function: no circle
    }
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_goes_from_a_lower_floor_to_a_higher_one():
    offending = []
    for module, imports in sorted(import_graph().items()):
        level, floor = layer_of(module)
        for target, line, eager in imports:
            target_level, target_floor = layer_of(target)
            if target_level > level:
                when = "" if eager else " (inside a function)"
                offending.append(f"{where(module, line)}: {module} ({floor}) → {target} ({target_floor}){when}")
    assert not offending, "imports from a lower floor to a higher one:\n" + "\n".join(offending)


def test_no_import_circle():
    graph = import_graph()
    found = []
    for component in cycles(graph):
        members = set(component)
        edges = [
            f"    {where(module, line)}: {module} → {target}"
            for module in component
            for target, line, eager in graph[module]
            if eager and target in members
        ]
        found.append(" ↔ ".join(component) + "\n" + "\n".join(edges))
    assert not found, "import circles (module-level imports):\n" + "\n".join(found)
