package analyzer_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/analyzer"
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

// nogoConfig is the form of nogo's configuration file, as rules_go's
// nogo.rst documents it.
type nogoConfig map[string]struct {
	Description   string            `json:"description"`
	OnlyFiles     map[string]string `json:"only_files"`
	ExcludeFiles  map[string]string `json:"exclude_files"`
	AnalyzerFlags map[string]string `json:"analyzer_flags"`
}

// TestBazelDoc checks docs/bazel.md's snippets against the suite: the
// nogo rule lists every analyzer package, the configuration names
// analyzers and their flags with values the flags accept; with the full
// tests, buildifier checks the Starlark (syntax, format, lint).
func TestBazelDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "bazel.md"))
	if err != nil {
		t.Fatal(err)
	}
	starlark := fencedBlocks(string(doc), "starlark")
	configs := fencedBlocks(string(doc), "json")
	if len(starlark) != 2 || len(configs) != 1 {
		t.Fatalf("docs/bazel.md has %d Starlark blocks (want MODULE.bazel, BUILD.bazel) and %d JSON blocks (want the config)", len(starlark), len(configs))
	}
	module, build := starlark[0], starlark[1]

	var suite, deps []string
	for _, a := range analyzer.Suite() {
		suite = append(suite, a.Name)
	}
	for _, m := range regexp.MustCompile(`"@com_github_fsmvet_fsmvet//passes/(\w+)"`).FindAllStringSubmatch(build, -1) {
		deps = append(deps, m[1])
	}
	slices.Sort(suite)
	if !slices.Equal(deps, suite) {
		t.Errorf("the nogo rule's deps are %v, want every analyzer package, in order: %v", deps, suite)
	}
	name := regexp.MustCompile(`(?s)nogo\(\s+name = "(\w+)"`).FindStringSubmatch(build)
	if name == nil || !strings.Contains(module, `go_sdk.nogo(nogo = "//:`+name[1]+`")`) {
		t.Errorf("MODULE.bazel does not register the nogo rule of BUILD.bazel (%v)", name)
	}
	if !strings.Contains(module, `use_repo(go_deps, "com_github_fsmvet_fsmvet")`) {
		t.Errorf("MODULE.bazel does not bring in the repository the deps name")
	}

	var cfg nogoConfig
	dec := json.NewDecoder(strings.NewReader(configs[0]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf("the nogo configuration: %v", err)
	}
	for key, c := range cfg {
		if key == "_base" {
			continue
		}
		a := analyzerNamed(key)
		if a == nil {
			t.Errorf("the nogo configuration names %q, not an analyzer", key)
			continue
		}
		for flag, value := range c.AnalyzerFlags {
			f := a.Flags.Lookup(flag)
			if f == nil {
				t.Errorf("%s has no flag -%s", key, flag)
				continue
			}
			old := f.Value.String()
			if err := f.Value.Set(value); err != nil {
				t.Errorf("-%s.%s=%s: %v", key, flag, value, err)
			}
			f.Value.Set(old)
		}
	}
	if len(cfg) < 2 {
		t.Errorf("the nogo configuration configures no analyzer")
	}

	if testing.Short() {
		return
	}
	for i, block := range starlark {
		cmd := exec.Command("go", "run", "github.com/bazelbuild/buildtools/buildifier@v0.0.0-20260904073137-eaa4d125b423",
			"-mode=check", "-lint=warn", "-type="+[]string{"module", "build"}[i])
		cmd.Stdin = strings.NewReader(block)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			t.Errorf("buildifier: %v\n%s\n%s", err, out.String(), block)
		}
	}
}

func analyzerNamed(name string) *analysis.Analyzer {
	for _, a := range analyzer.Suite() {
		if a.Name == name {
			return a
		}
	}
	return nil
}
