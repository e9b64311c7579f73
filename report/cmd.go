package report

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
	"github.com/fsmvet/fsmvet/verify"
)

const usage = `usage: fsmvet report -profile cpu.pprof[,more.pprof] [-verify verify.json] [-format=text|json|html] [-hot=1%] [-o file] packages...

Loads the packages as one program, finds its state machines and poll
loops, and ranks them by their share of the CPU profiles (merged), each
with the most a rewrite could save and a verdict: measure (with the
fsmvet verify command that does), use PGO, neither, not hot, blocked, or
already transition-pointer. A profile cannot say whether a rewrite pays
on this CPU; with -verify, fsmvet verify's measured verdicts replace
the profile's. Take a profile with 'go test -bench . -cpuprofile
cpu.pprof' or runtime/pprof. The JSON form is described in docs/report.md.
`

// Main runs 'fsmvet report' with args and returns the exit status: 0 on
// success, 1 on an error, 2 on bad usage.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fsmvet report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	printUsage := func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	profiles := fs.String("profile", "", "CPU profiles, comma-separated (required)")
	format := fs.String("format", "text", "text, json or html")
	hot := profile.DefaultHot
	fs.Var(&hot, "hot", "share of CPU below which a finding is not hot (1% or 0.01)")
	out := fs.String("o", "", "write to this file instead of standard output")
	tests := fs.Bool("test", false, "include test packages")
	tags := fs.String("tags", "", "comma-separated build tags, as go vet -tags")
	verified := fs.String("verify", "", "fsmvet verify's JSON output: its measured verdicts replace the profile's")
	if exit, ok := cli.ParseFlags(fs, args, printUsage, "fsmvet help report"); !ok {
		return exit
	}
	if *profiles == "" || fs.NArg() == 0 {
		printUsage()
		if *profiles == "" {
			fmt.Fprintln(stderr, "fsmvet report: -profile is required")
		}
		return 2
	}
	if *format != "text" && *format != "json" && *format != "html" {
		return cli.BadUsage(stderr, "fsmvet report", "fsmvet help report", "-format="+*format+": want text, json or html")
	}
	prof, err := profile.Load(profile.Names(*profiles)...)
	if err != nil {
		fmt.Fprintf(stderr, "fsmvet report: %v\n", err)
		return 1
	}
	prog, err := program.Load(program.Config{Tests: *tests, Tags: *tags}, fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "fsmvet report: %v\n", err)
		return 1
	}
	r, err := Build(prog, prof, float64(hot))
	if err != nil {
		fmt.Fprintf(stderr, "fsmvet report: %v\n", err)
		return 1
	}
	if *verified != "" {
		res, err := readVerify(*verified)
		if err != nil {
			fmt.Fprintf(stderr, "fsmvet report: -verify: %v\n", err)
			return 1
		}
		if r.Measured(res) == 0 {
			fmt.Fprintf(stderr, "fsmvet report: warning: -verify %s: none of its %d findings is a finding of these packages\n", *verified, len(res.Findings))
		}
	}
	if *format != "text" || *out != "" { // a text report on the terminal says them itself
		for _, w := range r.Warnings {
			fmt.Fprintf(stderr, "fsmvet report: warning: %s\n", w)
		}
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "fsmvet report: %v\n", err)
			return 1
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "json":
		err = r.WriteJSON(w)
	case "html":
		err = r.WriteHTML(w)
	default:
		err = r.WriteText(w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "fsmvet report: %v\n", err)
		return 1
	}
	return 0
}

// readVerify reads the results fsmvet verify -format=json wrote.
func readVerify(name string) (*verify.Result, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var res verify.Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("%s: not fsmvet verify's JSON: %w", name, err)
	}
	if res.Findings == nil {
		return nil, fmt.Errorf("%s: not fsmvet verify's JSON: no findings list", name)
	}
	return &res, nil
}
