package hygiene

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// root is the repository's root directory.
func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// command runs a command in the repository root and fails the test,
// showing its output, if it fails or prints anything.
func command(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = root(t)
	out, err := cmd.CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func TestModTidy(t *testing.T) {
	command(t, "go", "mod", "tidy", "-diff")
}

// TestGofmt covers every Go file, the fixtures and their golden files
// included; a golden file in txtar form (one section per fix, which
// analysistest applies alone) is not Go as a whole, and is left out.
func TestGofmt(t *testing.T) {
	cmd := exec.Command("sh", "-c", "find . -path ./.git -prune -o \\( -name '*.go' -o -name '*.go.golden' \\) -print | while read -r f; do [ \"$(head -c 3 \"$f\")\" = '-- ' ] || echo \"$f\"; done | xargs gofmt -l")
	cmd.Dir = root(t)
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("files not gofmt'ed (%v):\n%s", err, out)
	}
}

func TestVet(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the whole module")
	}
	command(t, "go", "vet", "./...")
}

// TestStaticcheck runs the pinned staticcheck, fetched through the module
// proxy like any dependency.
func TestStaticcheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds staticcheck and checks the whole module")
	}
	command(t, "go", "run", "honnef.co/go/tools/cmd/staticcheck@v0.8.2", "./...")
}

// TestNoHiddenBugs: no recover turns a crash into a message, no analyzer
// reads files but through Pass.ReadFile, which sees an editor's unsaved
// buffers, and analyzers navigate syntax with inspector.Cursor rather
// than by indexing into a stack of nodes.
func TestNoHiddenBugs(t *testing.T) {
	forbidden := map[string][]string{
		".":       {"recover()"},
		"passes":  {"os.ReadFile", "os.ReadDir", "os.Open(", "parser.ParseFile", "WithStack"},
		"ssautil": {"os.ReadFile", "os.ReadDir", "os.Open("},
	}
	for dir, words := range forbidden {
		for _, w := range words {
			cmd := exec.Command("grep", "-rnF", "--include=*.go", "--exclude=*_test.go", "--exclude-dir=testdata", "--exclude-dir=hygiene", w, dir)
			cmd.Dir = root(t)
			if out, err := cmd.CombinedOutput(); err == nil {
				t.Errorf("%s under %s:\n%s", w, dir, out)
			}
		}
	}
}

// TestDocsSelfContained: the documentation a user of the repository reads
// points only at what the repository holds.
func TestDocsSelfContained(t *testing.T) {
	cmd := exec.Command("grep", "-rnF", "../shared", "README.md", "docs")
	cmd.Dir = root(t)
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("docs cite files outside the repository:\n%s", out)
	}
}
