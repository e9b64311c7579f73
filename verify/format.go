package verify

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fsmvet/fsmvet/internal/textwrap"
)

// write writes the result in the format, to the file out or to stdout.
func write(res *Result, format, out string, stdout io.Writer) error {
	w := stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch format {
	case "json":
		return res.WriteJSON(w)
	case "html":
		return res.WriteHTML(w)
	}
	return res.WriteText(w)
}

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(r)
}

// WriteText writes a table of the verdicts, then each finding in full.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(textwrap.Wrap("fsmvet verify: "+r.Holds, ""))
	fmt.Fprintf(&b, "%d rounds of -benchtime %s at -cpu %s; PGO profile %s\n", r.Settings.Count, r.Settings.Benchtime, r.Settings.CPU, r.PGO)
	if len(r.Findings) == 0 {
		b.WriteString("no state machine or generator with a fix in these packages\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "\n%-20s %-30s %-14s %-15s %s\n", "FINDING", "WHERE", "VERDICT", "FIX/ORIGINAL", "FIX+PGO/PGO")
	for _, f := range r.Findings {
		fixR, bothR := "-", "-"
		if len(f.Benchmarks) > 0 {
			fixR, bothR = ratio(f.Benchmarks[0], buildFix, buildOriginal), ratio(f.Benchmarks[0], buildFixPGO, buildPGO)
		}
		fmt.Fprintf(&b, "%-20s %-30s %-14s %-15s %s\n", textwrap.Short(f.Name, 20), textwrap.Short(f.Posn, 30), f.Verdict, fixR, bothR)
	}
	for i, f := range r.Findings {
		writeFinding(&b, i+1, f)
	}
	if len(r.Applied) > 0 {
		b.WriteString("\napplied to the tree: " + strings.Join(r.Applied, ", ") + "\n")
	}
	if len(r.LeftOut) > 0 {
		b.WriteString("left out, as their fixes overlap one applied (run fsmvet verify -apply again): " + strings.Join(r.LeftOut, ", ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ratio shows a benchmark's time ratio of two builds with its
// significance, compactly: "0.93 faster".
func ratio(b Benchmark, newB, oldB string) string {
	c, ok := b.comparison(newB, oldB, "sec/op")
	if !ok || c.Ratio == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f %s", c.Ratio.Center, c.Delta)
}

func writeFinding(b *strings.Builder, n int, f Finding) {
	fmt.Fprintf(b, "\n%d. %s at %s (%s)\n", n, f.Name, f.Posn, f.what())
	if len(f.ReachedBy) > 0 {
		b.WriteString(textwrap.Wrap("reached by the poll loops at "+strings.Join(f.ReachedBy, ", "), "   "))
	}
	b.WriteString(textwrap.Wrap("built, vetted and tested with the fix: "+strings.Join(f.Tested, ", "), "   "))
	if f.PGOProfile != "" {
		b.WriteString(textwrap.Wrap("PGO profile: "+f.PGOProfile, "   "))
	}
	for _, bm := range f.Benchmarks {
		writeBenchmark(b, bm)
	}
	b.WriteString(textwrap.Wrap("verdict: "+f.Verdict+" — "+f.Why, "   "))
	if f.Failure != nil {
		fmt.Fprintf(b, "   %s output:\n", f.Failure.Step)
		b.WriteString(indent(tail(f.Failure.Output, 30), "     "))
	}
	if f.Shape != "" {
		b.WriteString(indent(f.Shape, "     "))
	}
	if f.Dir != "" {
		b.WriteString(textwrap.Wrap("binaries and outputs: "+f.Dir, "   "))
	}
}

// what says what a finding is: its kind, and a machine's states.
func (f Finding) what() string {
	if f.States > 0 {
		return fmt.Sprintf("%s, %d states", f.Kind, f.States)
	}
	return f.Kind
}

// writeBenchmark shows a benchmark's medians per build, then each
// comparison a verdict rests on.
func writeBenchmark(b *strings.Builder, bm Benchmark) {
	fmt.Fprintf(b, "   %s in %s, %d rounds (median; ratio [95%% interval] p-value):\n", bm.Name, bm.Package, bm.Rounds)
	for _, u := range units() {
		line := fmt.Sprintf("     %-10s", u)
		for _, bs := range bm.Builds {
			if s, ok := bs.Stats[u]; ok {
				line += fmt.Sprintf(" %s %s", bs.Build, value(s.Center, u))
			}
		}
		b.WriteString(line + "\n")
	}
	for _, pair := range comparisons() {
		var parts []string
		for _, u := range units() {
			if c, ok := bm.comparison(pair[0], pair[1], u); ok {
				parts = append(parts, u+" "+c.text())
			}
		}
		b.WriteString(textwrap.Wrap(fmt.Sprintf("%-12s %s", pair[0]+"/"+pair[1], strings.Join(parts, "; ")), "     "))
	}
}

// value shows a median in its unit: times scaled, counts as they are.
func value(v float64, unit string) string {
	if unit != "sec/op" {
		return fmt.Sprintf("%g", v)
	}
	switch {
	case v >= 1:
		return fmt.Sprintf("%.3gs", v)
	case v >= 1e-3:
		return fmt.Sprintf("%.3gms", v*1e3)
	case v >= 1e-6:
		return fmt.Sprintf("%.3gµs", v*1e6)
	}
	return fmt.Sprintf("%.3gns", v*1e9)
}

// tail keeps the last n lines of text, which say most of a failure.
func tail(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n") + "\n"
	}
	return fmt.Sprintf("... (%d lines before)\n", len(lines)-n) + strings.Join(lines[len(lines)-n:], "\n") + "\n"
}

// indent puts prefix before each line of text but the blank ones, which
// stay blank (no trailing spaces).
func indent(text, prefix string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		if line != "\n" {
			b.WriteString(prefix)
		}
		b.WriteString(line)
	}
	return b.String()
}

// WriteHTML writes the result as one page in the report's style.
func (r *Result) WriteHTML(w io.Writer) error {
	return htmlPage.Execute(w, r)
}
