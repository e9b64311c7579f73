package verify

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestSkipped(t *testing.T) {
	for name, want := range map[string]bool{
		".git": true, ".hg": true, ".svn": true, ".jj": true,
		"git": false, ".github": false, ".gitignore": false, "vendor": false, "testdata": false, ".": false,
	} {
		if got := skipped(name); got != want {
			t.Errorf("skipped(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCopyTree(t *testing.T) {
	// The module's own directory is named as version control data is:
	// only directories below it are left out.
	src := filepath.Join(t.TempDir(), ".hg")
	write := func(name, data string, perm os.FileMode) {
		t.Helper()
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), perm); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module m\n", 0o644)
	write("run.sh", "#!/bin/sh\n", 0o755)
	write("a/a.go", "package a\n", 0o644)
	write(".github/workflows/ci.yml", "on: push\n", 0o644)
	write(".git/HEAD", "ref: refs/heads/main\n", 0o644)
	write("a/.svn/entries", "x", 0o644)
	write(".jj/repo", "x", 0o644)
	if err := os.Symlink("a/a.go", filepath.Join(src, "link.go")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere", filepath.Join(src, "a", "dangling")); err != nil {
		t.Fatal(err)
	}
	// A read-only directory is copied writable: verify writes fixes in it.
	ro := filepath.Join(src, "a")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	dst := filepath.Join(t.TempDir(), "copy")
	if err := copyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := filepath.WalkDir(dst, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dst, path)
		got = append(got, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".", ".github", ".github/workflows", ".github/workflows/ci.yml", "a", "a/a.go", "a/dangling", "go.mod", "link.go", "run.sh"}
	if !slices.Equal(got, want) {
		t.Errorf("copied %v, want %v", got, want)
	}
	for link, target := range map[string]string{"link.go": "a/a.go", "a/dangling": "nowhere"} {
		if got, err := os.Readlink(filepath.Join(dst, link)); err != nil || got != target {
			t.Errorf("%s: %q, %v; want a link to %q", link, got, err, target)
		}
	}
	if data, err := os.ReadFile(filepath.Join(dst, "a", "a.go")); err != nil || string(data) != "package a\n" {
		t.Errorf("a/a.go: %q, %v", data, err)
	}
	if st, err := os.Stat(filepath.Join(dst, "a")); err != nil || st.Mode().Perm()&0o700 != 0o700 {
		t.Errorf("a, read-only in the tree: %v, %v; want it writable in the copy", st.Mode(), err)
	}
	for name, exec := range map[string]bool{"run.sh": true, "go.mod": false} {
		st, err := os.Stat(filepath.Join(dst, name))
		if err != nil || (st.Mode()&0o100 != 0) != exec {
			t.Errorf("%s: %v, %v; executable should be %v", name, st.Mode(), err, exec)
		}
	}
}

func TestAbsoluteReplacesKeeps(t *testing.T) {
	orig, dir := t.TempDir(), t.TempDir()
	gomod := "module m\n\n\n\ngo 1.26\n\nreplace example.com/x => /abs/x\n\nreplace example.com/y => example.com/z v1.0.0 // pinned\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scratch{orig: orig, dir: dir}
	if err := s.absoluteReplaces(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "go.mod")); string(got) != gomod {
		t.Errorf("no relative replace, but go.mod was rewritten:\n%s", got)
	}

	gomod = "module m\n\ngo 1.26\n\nreplace example.com/x v1.2.0 => ./x\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.absoluteReplaces(); err != nil {
		t.Fatal(err)
	}
	want := "replace example.com/x v1.2.0 => " + filepath.Join(orig, "x") + "\n"
	if got, _ := os.ReadFile(filepath.Join(dir, "go.mod")); !strings.Contains(string(got), want) {
		t.Errorf("go.mod after:\n%s\nwant it to hold %q", got, want)
	}

	s = &scratch{orig: orig, dir: t.TempDir()}
	if err := s.absoluteReplaces(); err == nil || !strings.HasPrefix(err.Error(), "reading the copy's go.mod: ") {
		t.Errorf("no go.mod: %v", err)
	}
}

func TestScratchPaths(t *testing.T) {
	s := &scratch{orig: "/home/u/m", dir: "/tmp/fsmvet-verify-1"}
	for _, tc := range []struct{ orig, copy string }{
		{"/home/u/m/a/b.go", "/tmp/fsmvet-verify-1/a/b.go"},
		{"/home/u/m", "/tmp/fsmvet-verify-1"},
		{"/home/u/m/...", "/tmp/fsmvet-verify-1/..."}, // a pattern
		{"/home/u/m/..a/b.go", "/tmp/fsmvet-verify-1/..a/b.go"},
	} {
		if got := s.path(tc.orig); got != tc.copy {
			t.Errorf("path(%q) = %q, want %q", tc.orig, got, tc.copy)
		}
		if got := s.original(tc.copy); got != tc.orig {
			t.Errorf("original(%q) = %q, want %q", tc.copy, got, tc.orig)
		}
	}
	for _, p := range []string{"/home/u/other/c.go", "/home/u", "/home/u/m2/a.go", "./..."} {
		if got := s.path(p); got != p {
			t.Errorf("path outside the module: %q, want it as it is", got)
		}
	}
	if got := s.original("/usr/lib/go/src/fmt/print.go"); got != "/usr/lib/go/src/fmt/print.go" {
		t.Errorf("original outside the copy: %q", got)
	}
}

func TestCommandLine(t *testing.T) {
	root := "/tmp/fsmvet-verify-1"
	for _, tc := range []struct {
		dir  string
		args []string
		want string
	}{
		{root, []string{"vet", "./a"}, "go vet ./a"},
		{root + "/.fsmvet-verify/1-S-f", []string{"test", "-c", "-o", root + "/.fsmvet-verify/1-S-f/a.test"}, "(in .fsmvet-verify/1-S-f) go test -c -o .fsmvet-verify/1-S-f/a.test"},
	} {
		if got := commandLine(tc.dir, root, "go", tc.args); got != tc.want {
			t.Errorf("commandLine(%q, %v) = %q, want %q", tc.dir, tc.args, got, tc.want)
		}
	}
}

func TestErrorOutput(t *testing.T) {
	ce := &cmdError{cmd: "go vet ./a", output: "a/a.go:3:2: unreachable code\n\n", err: errors.New("exit status 1")}
	want := "go vet ./a: exit status 1\na/a.go:3:2: unreachable code"
	for _, err := range []error{ce, fmt.Errorf("checking: %w", ce)} {
		if got := errorOutput(err); got != want {
			t.Errorf("errorOutput(%v) = %q, want %q", err, got, want)
		}
	}
	if got := ce.Error(); got != want {
		t.Errorf("cmdError: %q, want %q", got, want)
	}
	if got := errorOutput(errors.New("writing a.go: permission denied")); got != "writing a.go: permission denied" {
		t.Errorf("errorOutput of a plain error: %q", got)
	}
}

func TestInterrupted(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&signalError{syscall.SIGINT}, true},
		{fmt.Errorf("go test: %w", &signalError{syscall.SIGTERM}), true},
		{context.Canceled, true},
		{fmt.Errorf("go build: %w", context.Canceled), true},
		{context.DeadlineExceeded, false},
		{&cmdError{cmd: "go test", err: &exec.ExitError{}}, false},
		{errors.New("interrupted"), false},
	} {
		if got := interrupted(tc.err); got != tc.want {
			t.Errorf("interrupted(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestHasTests(t *testing.T) {
	for _, tc := range []struct {
		p    listedPkg
		want bool
	}{
		{listedPkg{GoFiles: []string{"a.go"}}, false},
		{listedPkg{TestGoFiles: []string{"a_test.go"}}, true},
		{listedPkg{XTestGoFiles: []string{"x_test.go"}}, true},
	} {
		if got := tc.p.hasTests(); got != tc.want {
			t.Errorf("hasTests(%+v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}

func TestNewScratch(t *testing.T) {
	orig := t.TempDir()
	if err := os.WriteFile(filepath.Join(orig, "go.mod"), []byte("module m\n\ngo 1.26\n\nreplace example.com/x => ../x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := newScratch(context.Background(), orig, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.remove()
	if s.dir == orig || s.orig != orig || !slices.Contains(s.env, "GOWORK=off") {
		t.Errorf("scratch %+v", s)
	}
	if got, _ := os.ReadFile(filepath.Join(s.dir, "go.mod")); !strings.Contains(string(got), filepath.Join(filepath.Dir(orig), "x")) {
		t.Errorf("the copy's go.mod:\n%s", got)
	}
	if err := s.remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("after remove: %v", err)
	}

	// No go.mod: the copy is made, and the caller removes it.
	empty := t.TempDir()
	s, err = newScratch(context.Background(), empty, "")
	if s == nil || err == nil || !strings.HasPrefix(err.Error(), "reading the copy's go.mod: ") {
		t.Fatalf("copying a tree without go.mod: %v, %v", s, err)
	}
	s.remove()
	s, err = newScratch(context.Background(), filepath.Join(empty, "none"), "")
	if err == nil || !strings.HasPrefix(err.Error(), "copying "+filepath.Join(empty, "none")+" to the scratch directory: ") {
		t.Errorf("copying a missing tree: %v", err)
	}
	if s != nil {
		s.remove()
	}
}

// TestUseWorkspace: the copy's go.work names the module's copy, and the
// copies of what is in the module's tree; the other modules and replaced
// directories by their absolute paths in the user's tree.
func TestUseWorkspace(t *testing.T) {
	work := filepath.Join(t.TempDir(), "w")
	orig, copyDir := filepath.Join(work, "app"), t.TempDir()
	gowork := `go 1.26

toolchain go1.26.8

use (
	./app
	./app/nested
	./lib
	/abs/other
)

replace example.com/x => ./x

replace example.com/y v1.0.0 => ./app/y

replace example.com/z => example.com/z2 v1.2.0
`
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"go.work": gowork, "go.work.sum": "example.com/z2 v1.2.0 h1:x=\n"} {
		if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &scratch{orig: orig, dir: copyDir}
	name, err := s.useWorkspace(filepath.Join(work, "go.work"))
	if err != nil || name != filepath.Join(copyDir, ".fsmvet-verify", "go.work") {
		t.Fatalf("useWorkspace: %q, %v", name, err)
	}
	want := `go 1.26

toolchain go1.26.8

use (
	` + copyDir + `
	` + filepath.Join(copyDir, "nested") + `
	` + filepath.Join(work, "lib") + `
	/abs/other
)

replace example.com/x => ` + filepath.Join(work, "x") + `

replace example.com/y v1.0.0 => ` + filepath.Join(copyDir, "y") + `

replace example.com/z => example.com/z2 v1.2.0
`
	if got, _ := os.ReadFile(name); string(got) != want {
		t.Errorf("the copy's go.work:\n%s\nwant:\n%s", got, want)
	}
	if got, _ := os.ReadFile(name + ".sum"); string(got) != "example.com/z2 v1.2.0 h1:x=\n" {
		t.Errorf("the copy's go.work.sum: %q", got)
	}

	// A workspace the module is not in: the module alone, nothing written.
	s = &scratch{orig: filepath.Join(work, "elsewhere"), dir: t.TempDir()}
	if name, err := s.useWorkspace(filepath.Join(work, "go.work")); name != "off" || err != nil {
		t.Errorf("a module outside the workspace: %q, %v", name, err)
	}
	if _, err := os.Stat(filepath.Join(s.dir, ".fsmvet-verify")); !os.IsNotExist(err) {
		t.Errorf("a module outside the workspace: %v", err)
	}
	for file, want := range map[string]string{"none.work": "reading the workspace: ", "go.work.sum": "parsing the workspace: "} {
		if _, err := s.useWorkspace(filepath.Join(work, file)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("useWorkspace(%s): %v, want %q", file, err, want)
		}
	}
}

func TestInCopy(t *testing.T) {
	s := &scratch{orig: "/home/u/m", dir: "/tmp/fsmvet-verify-1"}
	for p, want := range map[string]bool{"/tmp/fsmvet-verify-1": true, "/tmp/fsmvet-verify-1/a": true,
		"/home/u/m": false, "/home/u/lib": false, "/tmp/fsmvet-verify-10": false} {
		if got := s.inCopy(p); got != want {
			t.Errorf("inCopy(%s) = %v, want %v", p, got, want)
		}
	}
}
