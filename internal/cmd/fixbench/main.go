// Command fixbench measures each fixture machine before and after its
// rewrite to transition-pointer form, with the fixtures' own benchmarks
// (go test -bench), alternating the two builds run by run so that drift
// on a noisy machine falls on both alike.
//
// From the repository root:
//
//	go run ./internal/cmd/fixbench -count 10 -o /tmp/fixbench [packages]
//	benchstat /tmp/fixbench/before.txt /tmp/fixbench/after.txt
//
// With packages (fixture import paths, as generator/bench), only those.
//
// "Before" is each fixture package as written; "after" is the same
// package with every file replaced by its .golden file, which the
// analysistest suite checks is exactly what fsmvet's fix produces.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	count := flag.Int("count", 10, "runs of each build, alternating")
	benchtime := flag.String("benchtime", "500ms", "-test.benchtime for each run")
	out := flag.String("o", "fixbench-out", "directory for before.txt and after.txt")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("fixbench: ")
	if err := run(*count, *benchtime, *out, flag.Args()); err != nil {
		log.Fatal(err)
	}
}

func run(count int, benchtime, out string, only []string) error {
	src := filepath.Join("testdata", "src")
	pkgs, err := benchmarkedFixtures(src)
	if err != nil {
		return err
	}
	if len(only) > 0 {
		pkgs = slices.DeleteFunc(pkgs, func(p string) bool { return !slices.Contains(only, p) })
	}
	if len(pkgs) == 0 {
		return fmt.Errorf("no fixture under %s has both a .golden file and a benchmark (run from the repository root)", src)
	}
	tmp, err := os.MkdirTemp("", "fixbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bins := map[string][2]string{} // package -> before, after test binaries
	for i, side := range []string{"before", "after"} {
		tree := filepath.Join(tmp, side)
		if err := os.CopyFS(filepath.Join(tree, "src"), os.DirFS(src)); err != nil {
			return fmt.Errorf("copying fixtures: %w", err)
		}
		if side == "after" {
			if err := applyGoldens(filepath.Join(tree, "src")); err != nil {
				return err
			}
		}
		for _, pkg := range pkgs {
			bin := filepath.Join(tmp, side+"-"+strings.ReplaceAll(pkg, "/", "_")+".test")
			cmd := exec.Command("go", "test", "-c", "-o", bin, pkg)
			cmd.Dir = filepath.Join(tree, "src")
			cmd.Env = append(os.Environ(), "GOPATH="+tree, "GO111MODULE=off", "GOFLAGS=")
			if o, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("building %s (%s): %v\n%s", pkg, side, err, o)
			}
			b := bins[pkg]
			b[i] = bin
			bins[pkg] = b
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := [2]*os.File{}
	for i, name := range []string{"before.txt", "after.txt"} {
		if files[i], err = os.Create(filepath.Join(out, name)); err != nil {
			return err
		}
		defer files[i].Close()
	}
	for n := 0; n < count; n++ {
		for _, pkg := range pkgs {
			order := []int{0, 1}
			if n%2 == 1 {
				order = []int{1, 0} // alternate which build runs first
			}
			for _, side := range order {
				o, err := exec.Command(bins[pkg][side], "-test.run=^$", "-test.bench=.", "-test.benchmem",
					"-test.benchtime="+benchtime, "-test.count=1", "-test.cpu=1").CombinedOutput()
				if err != nil {
					return fmt.Errorf("running %s: %v\n%s", bins[pkg][side], err, o)
				}
				fmt.Fprintf(files[side], "pkg: %s\n%s", pkg, benchLines(o))
			}
		}
		log.Printf("run %d of %d done", n+1, count)
	}
	log.Printf("wrote %s and %s; compare with benchstat", files[0].Name(), files[1].Name())
	return nil
}

// benchmarkedFixtures returns the fixture packages that have golden files
// and benchmarks.
func benchmarkedFixtures(src string) ([]string, error) {
	golden, bench := map[string]bool{}, map[string]bool{}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		pkg, _ := filepath.Rel(src, filepath.Dir(path))
		pkg = filepath.ToSlash(pkg)
		switch {
		case strings.HasSuffix(path, ".golden"):
			golden[pkg] = true
		case strings.HasSuffix(path, "_test.go"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if strings.Contains(string(data), "\nfunc Benchmark") {
				bench[pkg] = true
			}
		}
		return nil
	})
	var pkgs []string
	for pkg := range golden {
		if bench[pkg] {
			pkgs = append(pkgs, pkg)
		}
	}
	slices.Sort(pkgs)
	return pkgs, err
}

// applyGoldens replaces every file that has a .golden beside it.
func applyGoldens(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(strings.TrimSuffix(path, ".golden"), data, 0o644)
	})
}

// benchLines keeps the lines benchstat reads.
func benchLines(out []byte) string {
	var b strings.Builder
	for line := range strings.SplitSeq(string(out), "\n") {
		if strings.HasPrefix(line, "Benchmark") || strings.HasPrefix(line, "goos:") || strings.HasPrefix(line, "goarch:") || strings.HasPrefix(line, "cpu:") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
