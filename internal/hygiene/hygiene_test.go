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
// included.
func TestGofmt(t *testing.T) {
	cmd := exec.Command("sh", "-c", "find . -path ./.git -prune -o \\( -name '*.go' -o -name '*.go.golden' \\) -print | xargs gofmt -l")
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
