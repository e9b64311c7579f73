package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// nvimConfig is the configuration docs/editors.md gives Neovim's users;
// TestNeovim runs it.
var nvimConfig = filepath.Join("..", "testdata", "lsp", "nvim", "fsmvet.lua")

// TestNeovim runs the real client: Debian's Neovim (0.7.2; .ci/run
// installs it), headless, with the configuration of docs/editors.md and
// fsmvet built from this tree on its PATH. testdata/lsp/nvim/test.lua
// opens the fixture, waits for the diagnostics, applies the quick fix
// Neovim gets for the state machine and writes the file, which must then
// be the golden file; the fixed package must build and pass its tests.
func TestNeovim(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fsmvet and runs Neovim")
	}
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim is not installed; .ci/run installs Debian's package")
		}
		t.Skip("nvim is not installed (apt-get install neovim)")
	}
	bin := filepath.Dir(buildFsmvet(t))
	dir := copyFixture(t)
	lexer := filepath.Join(dir, "lexer", "lexer.go")
	config, err := filepath.Abs(nvimConfig)
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir() // Neovim's config, state and LSP log: none of the machine's
	result := filepath.Join(home, "result.json")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", filepath.Join(filepath.Dir(config), "test.lua"), lexer)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"FSMVET_CONFIG="+config, "FSMVET_RESULT="+result,
		"XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_STATE_HOME="+home, "XDG_CACHE_HOME="+home)
	out, err := cmd.CombinedOutput()
	data, readErr := os.ReadFile(result)
	if err != nil || readErr != nil {
		log, _ := os.ReadFile(filepath.Join(home, "nvim", "lsp.log"))
		t.Fatalf("nvim: %v, %v\n%s\n%s\nLSP log:\n%s", err, readErr, out, data, log)
	}

	type diagnostic struct {
		Lnum, Col, EndLnum, EndCol, Severity int
		Source, Code                         string
	}
	var got struct {
		Error          string
		OffsetEncoding string `json:"offset_encoding"`
		Diagnostics    []struct {
			Lnum     int    `json:"lnum"`
			Col      int    `json:"col"`
			EndLnum  int    `json:"end_lnum"`
			EndCol   int    `json:"end_col"`
			Severity int    `json:"severity"`
			Source   string `json:"source"`
			Code     string `json:"code"`
			Message  string `json:"message"`
		}
		Actions []struct{ Title, Kind string }
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	if got.Error != "" {
		t.Fatalf("in Neovim: %s", got.Error)
	}
	if got.OffsetEncoding != "utf-16" {
		t.Errorf("Neovim's offset encoding for fsmvet: %q, want utf-16 (the LSP default)", got.OffsetEncoding)
	}
	// Neovim keeps columns in bytes: it converted the server's UTF-16
	// positions back. "\tswitch l.ét𝒶t {" ends "l.ét𝒶t" at byte 18, and
	// "\tfor !s𝒶.Step() {" has its parenthesis at byte 16 (from 0).
	var diags []diagnostic
	for _, d := range got.Diagnostics {
		diags = append(diags, diagnostic{d.Lnum, d.Col, d.EndLnum, d.EndCol, d.Severity, d.Source, d.Code})
	}
	want := []diagnostic{
		{25, 1, 25, 18, 2, "fsmvet", "fsmswitch"}, // vim.diagnostic.severity.WARN is 2
		{49, 16, 49, 16, 2, "fsmvet", "pollloop"},
	}
	if !reflect.DeepEqual(diags, want) {
		t.Errorf("Neovim's diagnostics: %+v, want %+v", diags, want)
	}
	if len(got.Actions) != 1 || got.Actions[0].Kind != "quickfix" || !strings.HasPrefix(got.Actions[0].Title, "Rewrite Lexer.ét𝒶t to transition-pointer form") {
		t.Errorf("code actions on the machine: %+v, want its quick fix", got.Actions)
	}
	if fixed, golden := readFile(t, lexer), readFile(t, filepath.Join(dir, "lexer", "lexer.go.golden")); fixed != golden {
		t.Errorf("the file Neovim wrote:\n%s\nwant lexer.go.golden:\n%s", fixed, golden)
	}
	test := exec.Command("go", "vet", "./...")
	test.Dir = dir
	if out, err := test.CombinedOutput(); err != nil {
		t.Errorf("go vet on the fixed fixture: %v\n%s", err, out)
	}
	test = exec.Command("go", "test", "./...")
	test.Dir = dir
	if out, err := test.CombinedOutput(); err != nil {
		t.Errorf("go test on the fixed fixture: %v\n%s", err, out)
	}
}

// buildFsmvet builds fsmvet from this tree and returns the binary.
func buildFsmvet(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fsmvet")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/fsmvet").CombinedOutput(); err != nil {
		t.Fatalf("building fsmvet: %v\n%s", err, out)
	}
	return bin
}

// TestStdio runs 'fsmvet lsp' as an editor does, on its standard input and
// output: it answers initialize and shutdown, and after exit the process
// ends with status 0 though its input stays open (an editor closes it
// when it likes).
func TestStdio(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fsmvet")
	}
	cmd := exec.Command(buildFsmvet(t), "lsp")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		if _, err := fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(m), m); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || stderr.String() != "" {
			t.Errorf("fsmvet lsp: %v, stderr %q; want status 0 and nothing on stderr", err, stderr.String())
		}
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("fsmvet lsp still runs a minute after exit; stdout:\n%s", stdout.String())
	}
	out := stdout.String()
	for _, want := range []string{`"id":1,"result":{"capabilities":{"textDocumentSync":{"openClose":true,"change":1,`, `{"jsonrpc":"2.0","id":2,"result":null}`} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout does not hold %s:\n%s", want, out)
		}
	}
}

// TestEditorsDoc: the Neovim configuration in docs/editors.md is the one
// TestNeovim runs.
func TestEditorsDoc(t *testing.T) {
	doc := readFile(t, filepath.Join("..", "docs", "editors.md"))
	if config := readFile(t, nvimConfig); !strings.Contains(doc, "```lua\n"+config+"```\n") {
		t.Errorf("docs/editors.md does not show %s as it is:\n%s", nvimConfig, config)
	}
}
