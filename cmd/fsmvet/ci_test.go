package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// fencedBlocks returns the code blocks of a Markdown text fenced with
// ```lang, in order.
func fencedBlocks(doc, lang string) []string {
	var blocks []string
	for _, m := range regexp.MustCompile("(?ms)^```"+regexp.QuoteMeta(lang)+"\n(.*?)^```$").FindAllStringSubmatch(doc, -1) {
		blocks = append(blocks, m[1])
	}
	return blocks
}

// runSteps returns the commands of a workflow's run: steps, without
// their YAML comments.
func runSteps(workflow string) []string {
	var cmds []string
	for _, m := range regexp.MustCompile(`(?m)^\s*(?:- )?run: (.*?)(?:\s+#.*)?$`).FindAllStringSubmatch(workflow, -1) {
		cmds = append(cmds, m[1])
	}
	return cmds
}

// TestCIWorkflow runs the commands of docs/ci.md as they are written
// there, on a module of fixtures: the workflow's fsmvet and go vet steps,
// whose SARIF is the file the upload step names, and the lines that fail
// a build. With the full tests, actionlint checks the workflows (the
// inputs of the actions it knows, the runners' versions, expressions).
func TestCIWorkflow(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	workflows := fencedBlocks(string(doc), "yaml")
	if len(workflows) != 2 {
		t.Fatalf("docs/ci.md has %d YAML blocks, want 2 (code scanning, golangci-lint)", len(workflows))
	}
	scanning := workflows[0]
	for _, want := range []string{"security-events: write", "uses: github/codeql-action/upload-sarif@v4"} {
		if !strings.Contains(scanning, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
	sarifFile := regexp.MustCompile(`sarif_file: (\S+)`).FindStringSubmatch(scanning)
	if sarifFile == nil {
		t.Fatal("the upload step names no sarif_file")
	}
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	install := "go install " + modfile.ModulePath(mod) + "/cmd/fsmvet@latest"

	dir := tempModule(t, "machine", "negative")
	// The fsmvet under test first on PATH, as go install leaves it on a
	// runner.
	t.Setenv("PATH", filepath.Dir(fsmvet)+string(os.PathListSeparator)+os.Getenv("PATH"))
	shell := func(line string) (string, int) { return run(t, dir, "sh", "-c", line) }
	ran := map[string]int{}
	for _, line := range runSteps(scanning) {
		switch {
		case line == install:
			ran["install"]++ // the module's command; the test runs the one it built
		case strings.HasPrefix(line, "fsmvet -format=sarif "):
			ran["sarif"]++
			if out, code := shell(line); code != 0 {
				t.Errorf("%s: exit %d, want 0 (findings are for code scanning)\n%s", line, code, out)
			}
			checkSARIF(t, filepath.Join(dir, sarifFile[1]))
		case strings.HasPrefix(line, "go vet -vettool="):
			ran["vet"]++
			if out, code := shell(line); code != 1 || !strings.Contains(out, readStateFinding) {
				t.Errorf("%s: exit %d, want 1 and the finding:\n%s", line, code, out)
			}
		default:
			t.Errorf("the workflow runs %q, which this test does not know", line)
		}
	}
	if ran["install"] == 0 || ran["sarif"] != 1 || ran["vet"] != 1 {
		t.Errorf("steps run: %v; want %q, one SARIF step and one go vet step", ran, install)
	}

	// The lines that fail a build.
	blocks := fencedBlocks(string(doc), "sh")
	if len(blocks) != 1 {
		t.Fatalf("docs/ci.md has %d sh blocks, want 1", len(blocks))
	}
	for _, line := range strings.Split(strings.TrimSpace(blocks[0]), "\n") {
		line, _, _ = strings.Cut(line, "#")
		out, code := shell(line)
		if code == 0 || !strings.Contains(out, readStateFinding) {
			t.Errorf("%s: exit %d, want the finding and a failure:\n%s", line, code, out)
		}
	}

	if testing.Short() {
		return
	}
	for _, w := range workflows {
		cmd := exec.Command("go", "run", "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12", "-")
		cmd.Stdin = strings.NewReader(w)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("actionlint: %v\n%s\n%s", err, out, w)
		}
	}
}

// checkSARIF checks that file is fsmvet's SARIF log of the fixtures: the
// schema is checked by lint's tests, on the same code.
func checkSARIF(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the upload step's file: %v", err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("%s is not a SARIF 2.1.0 log of one run (%v):\n%s", file, err, data)
	}
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID == "fsmswitch" && loc.ArtifactLocation.URI == "machine/machine.go" && loc.ArtifactLocation.URIBaseID == "%SRCROOT%" &&
			loc.Region.StartLine == 24 && loc.Region.StartColumn == 2 {
			return
		}
	}
	t.Errorf("%s lacks the finding at machine/machine.go:24:2:\n%s", file, data)
}
