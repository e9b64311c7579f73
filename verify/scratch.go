package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
)

// A scratch is a copy of the user's module that verify edits, builds and
// runs in; the user's tree is only ever read.
type scratch struct {
	ctx  context.Context
	orig string // the user's module directory
	dir  string // its copy
	env  []string
}

// newScratch copies the module at orig into a fresh temporary directory.
// When work names the go.work the user's go command uses there, the copy
// is built in a workspace like it (see useWorkspace); otherwise alone.
// The caller removes the copy (scratch.remove) whatever happens next.
func newScratch(ctx context.Context, orig, work string) (*scratch, error) {
	dir, err := os.MkdirTemp("", "fsmvet-verify-")
	if err != nil {
		return nil, fmt.Errorf("making the scratch directory: %w", err)
	}
	s := &scratch{ctx: ctx, orig: orig, dir: dir}
	if err := copyTree(orig, dir); err != nil {
		return s, fmt.Errorf("copying %s to the scratch directory: %w", orig, err)
	}
	if err := s.absoluteReplaces(); err != nil {
		return s, err
	}
	// The go commands use the copy's workspace, or none: a go.work
	// around the user's tree (or in GOWORK) would resolve imports
	// differently in the copy, which is elsewhere.
	gowork := "off"
	if work != "" {
		if gowork, err = s.useWorkspace(work); err != nil {
			return s, err
		}
	}
	s.env = append(os.Environ(), "GOWORK="+gowork)
	return s, nil
}

// remove deletes the scratch directory.
func (s *scratch) remove() error { return os.RemoveAll(s.dir) }

// skipped reports whether a directory is left out of the copy: version
// control data, which no build reads and which may be large.
func skipped(name string) bool {
	return name == ".git" || name == ".hg" || name == ".svn" || name == ".jj"
}

// copyTree copies the files, directories and symbolic links below src to
// dst, keeping permissions.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir() && skipped(d.Name()) && rel != ".":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(to, info.Mode().Perm()|0o700)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		case d.Type().IsRegular():
			return copyFile(path, to, info.Mode().Perm())
		}
		return nil // sockets, pipes, devices: nothing a build reads
	})
}

func copyFile(src, dst string, perm fs.FileMode) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, perm|0o600)
}

// absoluteReplaces rewrites the copy's replace directives that name a
// directory relative to the module to the absolute directory in the
// user's tree, which the go command only reads.
func (s *scratch) absoluteReplaces() error {
	gomod := filepath.Join(s.dir, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		return fmt.Errorf("reading the copy's go.mod: %w", err)
	}
	f, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return fmt.Errorf("parsing go.mod: %w", err)
	}
	changed := false
	for _, r := range slices.Clone(f.Replace) {
		if !modfile.IsDirectoryPath(r.New.Path) || filepath.IsAbs(r.New.Path) {
			continue
		}
		abs := filepath.Join(s.orig, filepath.FromSlash(r.New.Path))
		if err := f.AddReplace(r.Old.Path, r.Old.Version, abs, ""); err != nil {
			return fmt.Errorf("rewriting the replace of %s: %w", r.Old.Path, err)
		}
		changed = true
	}
	if !changed {
		return nil
	}
	out, err := f.Format()
	if err != nil {
		return fmt.Errorf("formatting the copy's go.mod: %w", err)
	}
	return os.WriteFile(gomod, out, 0o644)
}

// path returns the copy of a path of the user's module (a pattern such
// as DIR/... too).
func (s *scratch) path(orig string) string { return move(orig, s.orig, s.dir) }

// original returns the user's path for a path in the copy.
func (s *scratch) original(p string) string { return move(p, s.dir, s.orig) }

// move returns the path below to of a path below from, and a path
// elsewhere as it is.
func move(p, from, to string) string {
	if rel, err := filepath.Rel(from, p); err == nil && filepath.IsLocal(rel) {
		return filepath.Join(to, rel)
	}
	return p
}

// useWorkspace writes the copy's go.work, from the user's work file: the
// modules and replaced directories in the module's tree are named in the
// copy, the others by their absolute path in the user's tree, which the
// go command only reads; the go.work.sum beside it is copied. It returns
// the file's name, or "off" when the module is not one of the
// workspace's (the go command would refuse to build it there): then the
// module is built alone.
func (s *scratch) useWorkspace(work string) (string, error) {
	data, err := os.ReadFile(work)
	if err != nil {
		return "", fmt.Errorf("reading the workspace: %w", err)
	}
	wf, err := modfile.ParseWork(work, data, nil)
	if err != nil {
		return "", fmt.Errorf("parsing the workspace: %w", err)
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(filepath.Dir(work), filepath.FromSlash(p))
	}
	member := false
	for _, u := range slices.Clone(wf.Use) {
		dir := abs(u.Path)
		member = member || dir == s.orig
		// Not SetUse, which keeps an unchanged path twice.
		wf.DropUse(u.Path)
		wf.AddNewUse(move(dir, s.orig, s.dir), u.ModulePath)
	}
	if !member {
		return "off", nil
	}
	for _, r := range slices.Clone(wf.Replace) {
		if modfile.IsDirectoryPath(r.New.Path) {
			if err := wf.AddReplace(r.Old.Path, r.Old.Version, move(abs(r.New.Path), s.orig, s.dir), ""); err != nil {
				return "", fmt.Errorf("rewriting the workspace's replace of %s: %w", r.Old.Path, err)
			}
		}
	}
	wf.Cleanup()
	name := filepath.Join(s.dir, ".fsmvet-verify", "go.work")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return "", fmt.Errorf("writing the copy's workspace: %w", err)
	}
	if err := os.WriteFile(name, modfile.Format(wf.Syntax), 0o644); err != nil {
		return "", fmt.Errorf("writing the copy's workspace: %w", err)
	}
	if sum, err := os.ReadFile(work + ".sum"); err == nil {
		if err := os.WriteFile(name+".sum", sum, 0o644); err != nil {
			return "", fmt.Errorf("writing the copy's workspace: %w", err)
		}
	}
	return name, nil
}

// inCopy reports whether a path is in the copy.
func (s *scratch) inCopy(p string) bool { return move(p, s.dir, s.orig) != p }

// A cmdError is a command that ran and failed, with what it printed.
type cmdError struct {
	cmd    string
	output string
	err    error
}

func (e *cmdError) Error() string {
	return fmt.Sprintf("%s: %v\n%s", e.cmd, e.err, strings.TrimRight(e.output, "\n"))
}

func (e *cmdError) Unwrap() error { return e.err }

// run runs a command in dir, which is killed (with everything it started)
// when the run is interrupted, and returns its standard output. A failure
// is a *cmdError holding both outputs.
func (s *scratch) run(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(s.ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = s.env
	killGroup(cmd, grace)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if s.ctx.Err() != nil {
			return nil, context.Cause(s.ctx)
		}
		return nil, &cmdError{cmd: commandLine(dir, s.dir, name, args), output: stdout.String() + stderr.String(), err: err}
	}
	return stdout.Bytes(), nil
}

// grace is how long an interrupted command has to clean up before it is
// killed.
const grace = 3 * time.Second

// goCmd runs the go command at the copy's root.
func (s *scratch) goCmd(args ...string) ([]byte, error) { return s.run(s.dir, "go", args...) }

// commandLine shows a command as a user would type it, the scratch
// directory abbreviated.
func commandLine(dir, root, name string, args []string) string {
	line := strings.Join(append([]string{name}, args...), " ")
	line = strings.ReplaceAll(line, root+string(filepath.Separator), "")
	if rel, err := filepath.Rel(root, dir); err == nil && rel != "." {
		return "(in " + filepath.ToSlash(rel) + ") " + line
	}
	return line
}

// A listedPkg is a package of the module as go list describes it.
type listedPkg struct {
	ImportPath   string
	Dir          string
	Name         string
	GoFiles      []string
	Imports      []string
	TestImports  []string
	XTestImports []string
	TestGoFiles  []string
	XTestGoFiles []string
}

// hasTests reports whether the package has test files, and so a test
// binary.
func (p *listedPkg) hasTests() bool { return len(p.TestGoFiles)+len(p.XTestGoFiles) > 0 }

// listModule lists the packages of the copy's module.
func (s *scratch) listModule() ([]*listedPkg, error) {
	out, err := s.goCmd("list", "-e", "-json=ImportPath,Dir,Name,GoFiles,Imports,TestImports,XTestImports,TestGoFiles,XTestGoFiles", "./...")
	if err != nil {
		return nil, fmt.Errorf("listing the module's packages: %w", err)
	}
	var pkgs []*listedPkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		p := new(listedPkg)
		if err := dec.Decode(p); err != nil {
			return nil, fmt.Errorf("reading go list's output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// affected returns the packages of the module whose code or tests depend
// on the package path (through imports, transitively), the package itself
// included, in import path order: those a change to it can break.
func affected(pkgs []*listedPkg, path string) []*listedPkg {
	depends := map[string]bool{path: true}
	for changed := true; changed; {
		changed = false
		for _, p := range pkgs {
			if !depends[p.ImportPath] && slices.ContainsFunc(p.Imports, func(i string) bool { return depends[i] }) {
				depends[p.ImportPath], changed = true, true
			}
		}
	}
	var out []*listedPkg
	for _, p := range pkgs {
		tests := slices.Concat(p.TestImports, p.XTestImports)
		if depends[p.ImportPath] || slices.ContainsFunc(tests, func(i string) bool { return depends[i] }) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *listedPkg) int { return strings.Compare(a.ImportPath, b.ImportPath) })
	return out
}

// goEnv returns the values of go env variables, as the go command that
// builds the binaries sees them.
func (s *scratch) goEnv(names ...string) (map[string]string, error) {
	out, err := s.goCmd(append([]string{"env", "-json"}, names...)...)
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	env := map[string]string{}
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, fmt.Errorf("reading go env's output: %w", err)
	}
	return env, nil
}

// moduleDir returns the directory of the main module of the current
// directory, and the go.work the go command uses there ("" for none).
func moduleDir(ctx context.Context) (dir, work string, err error) {
	cmd := exec.CommandContext(ctx, "go", "env", "-json", "GOMOD", "GOWORK")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", "", fmt.Errorf("go env GOMOD GOWORK: %v: %s", err, bytes.TrimSpace(ee.Stderr))
		}
		return "", "", fmt.Errorf("go env GOMOD GOWORK: %w", err)
	}
	var env struct{ GOMOD, GOWORK string }
	if err := json.Unmarshal(out, &env); err != nil {
		return "", "", fmt.Errorf("reading go env's output: %w", err)
	}
	if env.GOMOD == "" || env.GOMOD == os.DevNull {
		return "", "", errors.New("not in a module: verify works on a copy of the module around the current directory")
	}
	if env.GOWORK == "off" {
		env.GOWORK = ""
	}
	return filepath.Dir(env.GOMOD), env.GOWORK, nil
}
