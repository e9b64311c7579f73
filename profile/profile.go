// Package profile loads pprof CPU profiles and attributes their samples the
// way Go's profile-guided optimisation does, so that a profile still
// matches after edits elsewhere in a file: by function name and line offset
// from the function's first line (Function.StartLine), with inlined frames
// expanded. It keeps flat and cumulative weight per function and per
// (function, offset), and the weight of every call edge, in fractions of
// the profile's total.
package profile

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/google/pprof/profile"
)

// A Profile is one or more CPU profiles, merged and attributed.
type Profile struct {
	Files    []string
	Unit     string // "nanoseconds" (cpu) or "count" (samples)
	Total    int64
	Warnings []string // problems that do not stop the profile being used

	funcs  map[string]*Func
	stacks []stack                   // every sample, for Weigh
	sorted []*Func                   // funcs, heaviest (cumulative) first
	rank   map[string]int            // 1-based position in sorted
	edges  map[Site]map[string]int64 // call site -> callee -> weight
}

// A Func is the weight attributed to one function.
type Func struct {
	Name      string
	File      string
	StartLine int64
	Flat, Cum int64
	LineFlat  map[int]int64 // by line offset from StartLine
	LineCum   map[int]int64
}

// A Site is a place in a function: its name and a line offset from the
// function's first line.
type Site struct {
	Func   string
	Offset int
}

// AnyLine is a Site's Offset that stands for every line of its function.
const AnyLine = math.MinInt

// Matches reports whether a frame (a function at a line offset) is at
// the site.
func (s Site) Matches(frame Site) bool {
	return s.Func == frame.Func && (s.Offset == AnyLine || s.Offset == frame.Offset)
}

// A stack is one sample: its frames, innermost first, and its weight.
type stack struct {
	frames []Site
	weight int64
}

// A Callee is a function called from a site, with its share of the
// site's calls.
type Callee struct {
	Name  string
	Share float64 // of the weight of all calls from the site
}

// Names splits a -profile flag's comma-separated list of files, spaces
// after the commas allowed.
func Names(flag string) []string {
	names := strings.Split(flag, ",")
	for i, name := range names {
		names[i] = strings.TrimSpace(name)
	}
	return names
}

// Load reads, merges and attributes the CPU profiles at paths. A file that
// is missing, is not a pprof profile, has no CPU samples, or has no
// samples at all is an error naming the file.
func Load(paths ...string) (*Profile, error) {
	if len(paths) == 0 {
		return nil, errors.New("no profile given")
	}
	var profs []*profile.Profile
	for _, path := range paths {
		p, err := read(path)
		if err != nil {
			return nil, err
		}
		profs = append(profs, p)
	}
	return attributed(paths, profs)
}

// Parse reads one profile from r as Load reads a file, naming it name.
func Parse(name string, r io.Reader) (*Profile, error) {
	p, err := parse(name, r)
	if err != nil {
		return nil, err
	}
	return attributed([]string{name}, []*profile.Profile{p})
}

func read(path string) (*profile.Profile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading profile: %w", err)
	}
	defer f.Close()
	return parse(path, f)
}

func parse(name string, r io.Reader) (*profile.Profile, error) {
	p, err := profile.Parse(r) // gzipped or not
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable pprof profile (truncated, or another format?): %w", name, err)
	}
	return p, nil
}

// attributed merges profs, named by names, and attributes their samples.
// A single profile is merged too, so that every profile takes one path.
func attributed(names []string, profs []*profile.Profile) (*Profile, error) {
	files := strings.Join(names, ", ")
	merged, err := profile.Merge(profs)
	if err != nil {
		return nil, fmt.Errorf("merging %s: %w", files, err)
	}
	index, unit, err := cpuValue(merged)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", files, err)
	}
	p := &Profile{Files: names, Unit: unit, funcs: map[string]*Func{}, edges: map[Site]map[string]int64{}}
	if p.Total, err = total(merged, index); err != nil {
		return nil, fmt.Errorf("%s: %w", files, err)
	}
	for _, fn := range merged.Function {
		fn.Name = sourceName(fn.Name)
	}
	p.attribute(merged, index)
	p.Warnings = checkMetadata(merged, files)
	p.rankFuncs()
	return p, nil
}

// cpuValue returns the index of the sample value that measures CPU:
// cpu/nanoseconds, else samples/count.
func cpuValue(p *profile.Profile) (int, string, error) {
	for _, want := range [][2]string{{"cpu", "nanoseconds"}, {"samples", "count"}} {
		for i, st := range p.SampleType {
			if st.Type == want[0] && st.Unit == want[1] {
				return i, st.Unit, nil
			}
		}
	}
	var kinds []string
	for _, st := range p.SampleType {
		kinds = append(kinds, st.Type+"/"+st.Unit)
	}
	return 0, "", fmt.Errorf("not a CPU profile: its samples are %s, want cpu/nanoseconds or samples/count", strings.Join(kinds, ", "))
}

// total sums the CPU samples. Every share is a fraction of it, so it must
// be positive and fit: a negative sample (a difference of two profiles)
// or an overflow would make shares that mean nothing.
func total(p *profile.Profile, index int) (int64, error) {
	var sum int64
	for _, s := range p.Sample {
		w := s.Value[index]
		if w < 0 {
			return 0, fmt.Errorf("a negative CPU sample (%d): a difference of two profiles?", w)
		}
		if sum > math.MaxInt64-w {
			return 0, errors.New("the CPU samples add up to more than an int64 holds")
		}
		sum += w
	}
	if sum == 0 {
		return 0, errors.New("the profile has no CPU samples (was the program busy while it was profiled?)")
	}
	return sum, nil
}

// checkMetadata warns, naming files, about what makes matching less
// reliable.
func checkMetadata(p *profile.Profile, files string) []string {
	var ws []string
	noStart := 0
	for _, fn := range p.Function {
		if fn.StartLine == 0 {
			noStart++
		}
	}
	if noStart > 0 && noStart == len(p.Function) {
		ws = append(ws, files+": no function start lines (a profile from Go before 1.20?): lines are matched as absolute, so edits above a function break the match")
	}
	if len(p.Mapping) > 0 && p.Mapping[0].BuildID == "" {
		ws = append(ws, files+": no build ID: cannot check the profile comes from the program analysed")
	}
	return ws
}

// A frame is one function on a stack, at a line offset.
type frame struct {
	fn     *profile.Function
	offset int
}

// An edge is a call from a site to a function.
type edge struct {
	site   Site
	callee string
}

const asyncPreempt = "runtime.asyncPreempt"

// sourceName returns a symbol as the analysed code names it. The linker
// escapes a package path's last element as a URL does its dots and other
// bytes (github.com/nats-io/nats%2ego.(*Conn).Flush), so that the package
// ends at the first dot after the last slash; fsmvet names functions by
// their import path (nats.go). A % is always an escape: a literal one is
// written %25.
func sourceName(name string) string {
	if !strings.Contains(name, "%") {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if c, ok := unhex(name, i); ok {
			b.WriteByte(c)
			i += 2
			continue
		}
		b.WriteByte(name[i])
	}
	return b.String()
}

// unhex decodes the escape %xx at name[i], if there is one.
func unhex(name string, i int) (byte, bool) {
	if name[i] != '%' || i+2 >= len(name) {
		return 0, false
	}
	v, err := strconv.ParseUint(name[i+1:i+3], 16, 8)
	return byte(v), err == nil
}

// attribute spreads each sample's weight: flat to the innermost frame,
// cumulative to every distinct function and site on the stack (once
// each, so that recursion does not count a sample twice), and to every
// distinct call edge.
//
// A call to runtime.asyncPreempt is not an edge: it is where the
// scheduler interrupted the goroutine, not a call the program makes.
func (p *Profile) attribute(prof *profile.Profile, index int) {
	for _, s := range prof.Sample {
		w := s.Value[index]
		frames := expand(s)
		if w == 0 || len(frames) == 0 {
			continue
		}
		st := stack{weight: w}
		for _, fr := range frames {
			st.frames = append(st.frames, Site{fr.fn.Name, fr.offset})
		}
		p.stacks = append(p.stacks, st)
		leaf := p.fn(frames[0].fn)
		leaf.Flat += w
		leaf.LineFlat[frames[0].offset] += w
		seenFn := map[string]bool{}
		seenSite := map[Site]bool{}
		seenEdge := map[edge]bool{}
		for i, fr := range frames {
			f := p.fn(fr.fn)
			site := Site{f.Name, fr.offset}
			if !seenFn[f.Name] {
				seenFn[f.Name] = true
				f.Cum += w
			}
			if !seenSite[site] {
				seenSite[site] = true
				f.LineCum[fr.offset] += w
			}
			if i == 0 {
				continue
			}
			e := edge{site, frames[i-1].fn.Name}
			if e.callee != asyncPreempt && !seenEdge[e] {
				seenEdge[e] = true
				if p.edges[site] == nil {
					p.edges[site] = map[string]int64{}
				}
				p.edges[site][e.callee] += w
			}
		}
	}
}

// expand returns a sample's frames, innermost first, with inlined
// functions as frames of their own (a Location's lines list the inlined
// callee first and the function it was inlined into last).
func expand(s *profile.Sample) []frame {
	var frames []frame
	for _, loc := range s.Location {
		for _, line := range loc.Line {
			if line.Function == nil {
				continue
			}
			frames = append(frames, frame{line.Function, int(line.Line - line.Function.StartLine)})
		}
	}
	return frames
}

func (p *Profile) fn(f *profile.Function) *Func {
	if fn, ok := p.funcs[f.Name]; ok {
		return fn
	}
	fn := &Func{Name: f.Name, File: f.Filename, StartLine: f.StartLine, LineFlat: map[int]int64{}, LineCum: map[int]int64{}}
	p.funcs[f.Name] = fn
	return fn
}

// Share returns w as a fraction of the profile's total.
func (p *Profile) Share(w int64) float64 { return float64(w) / float64(p.Total) }

// Weigh returns the weight of the samples whose frames (innermost first,
// inlined functions as frames of their own) match, for measures that
// flat and cumulative weights per function cannot give: the time spent
// in one set of functions when called from another.
func (p *Profile) Weigh(match func(frames []Site) bool) int64 {
	var w int64
	for _, s := range p.stacks {
		if match(s.frames) {
			w += s.weight
		}
	}
	return w
}

// Func returns the weight of the named function (as Go names symbols:
// "pkg/path.(*T).Method"), or nil if the profile never saw it.
func (p *Profile) Func(name string) *Func { return p.funcs[name] }

// rankFuncs orders the functions, heaviest (cumulative) first and by name
// among equals, once.
func (p *Profile) rankFuncs() {
	p.sorted = make([]*Func, 0, len(p.funcs))
	for _, f := range p.funcs {
		p.sorted = append(p.sorted, f)
	}
	slices.SortFunc(p.sorted, func(a, b *Func) int {
		return cmp.Or(cmp.Compare(b.Cum, a.Cum), strings.Compare(a.Name, b.Name))
	})
	p.rank = make(map[string]int, len(p.sorted))
	for i, f := range p.sorted {
		p.rank[f.Name] = i + 1
	}
}

// Funcs returns every function the profile saw, heaviest (cumulative)
// first. The slice is shared: do not modify it.
func (p *Profile) Funcs() []*Func { return p.sorted }

// Rank returns the 1-based position of the named function in Funcs, or 0
// if the profile never saw it.
func (p *Profile) Rank(name string) int { return p.rank[name] }

// Callees returns the functions called from a site, each with its share
// of the site's calls, most called first and by name among equals.
// runtime.asyncPreempt is not among them (see attribute).
func (p *Profile) Callees(site Site) []Callee {
	var total int64
	for _, w := range p.edges[site] {
		total += w
	}
	var cs []Callee
	for name, w := range p.edges[site] {
		cs = append(cs, Callee{Name: name, Share: float64(w) / float64(total)})
	}
	slices.SortFunc(cs, func(a, b Callee) int {
		return cmp.Or(cmp.Compare(b.Share, a.Share), strings.Compare(a.Name, b.Name))
	})
	return cs
}

// Foreign returns a warning when none of the profile's functions is in
// the packages with the given import paths, naming the profile and a few
// of the packages; "" when some are.
func (p *Profile) Foreign(pkgPaths []string) string {
	if p.Matches(pkgPaths) > 0 {
		return ""
	}
	const named = 3
	list := strings.Join(pkgPaths[:min(len(pkgPaths), named)], " ")
	if more := len(pkgPaths) - named; more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return fmt.Sprintf("%s: none of the profile's functions is in %s: a profile of another program?", strings.Join(p.Files, ", "), list)
}

// Matches reports how many of the profile's functions belong to the
// packages with the given import paths: none means the profile is of
// another program.
func (p *Profile) Matches(pkgPaths []string) int {
	n := 0
	for name := range p.funcs {
		for _, path := range pkgPaths {
			if strings.HasPrefix(name, path+".") {
				n++
				break
			}
		}
	}
	return n
}
