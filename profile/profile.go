// Package profile loads pprof CPU profiles and attributes their samples the
// way Go's profile-guided optimisation does, so that a profile still
// matches after edits elsewhere in a file: by function name and line offset
// from the function's first line (Function.StartLine), with inlined frames
// expanded. It keeps flat and cumulative weight per function and per
// (function, offset), and the weight of every call edge, in fractions of
// the profile's total.
package profile

import (
	"errors"
	"fmt"
	"os"
	"slices"
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

// A Callee is a function called from a site, with its share of the
// site's calls.
type Callee struct {
	Name  string
	Share float64 // of the weight of all calls from the site
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
	merged := profs[0]
	if len(profs) > 1 {
		var err error
		if merged, err = profile.Merge(profs); err != nil {
			return nil, fmt.Errorf("merging %s: %w", strings.Join(paths, ", "), err)
		}
	}
	p := &Profile{Files: paths, funcs: map[string]*Func{}, edges: map[Site]map[string]int64{}}
	index, unit, err := cpuValue(merged)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(paths, ", "), err)
	}
	p.Unit = unit
	p.attribute(merged, index)
	if p.Total == 0 {
		return nil, fmt.Errorf("%s: the profile has no CPU samples (was the program busy while it was profiled?)", strings.Join(paths, ", "))
	}
	p.Warnings = append(p.Warnings, checkMetadata(merged, paths)...)
	p.rankFuncs()
	return p, nil
}

func read(path string) (*profile.Profile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading profile: %w", err)
	}
	defer f.Close()
	p, err := profile.Parse(f) // gzipped or not
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable pprof profile (truncated, or another format?): %w", path, err)
	}
	return p, nil
}

// cpuValue returns the index of the sample value that measures CPU:
// cpu/nanoseconds, else samples/count.
func cpuValue(p *profile.Profile) (int, string, error) {
	var kinds []string
	for _, want := range [][2]string{{"cpu", "nanoseconds"}, {"samples", "count"}} {
		for i, st := range p.SampleType {
			if st.Type == want[0] && st.Unit == want[1] {
				return i, st.Unit, nil
			}
		}
	}
	for _, st := range p.SampleType {
		kinds = append(kinds, st.Type+"/"+st.Unit)
	}
	return 0, "", fmt.Errorf("not a CPU profile: its samples are %s, want cpu/nanoseconds or samples/count", strings.Join(kinds, ", "))
}

// checkMetadata warns about what makes matching less reliable.
func checkMetadata(p *profile.Profile, paths []string) []string {
	var ws []string
	noStart := 0
	for _, fn := range p.Function {
		if fn.StartLine == 0 {
			noStart++
		}
	}
	if noStart > 0 && noStart == len(p.Function) {
		ws = append(ws, fmt.Sprintf("%s: no function start lines (a profile from Go before 1.20?): lines are matched as absolute, so edits above a function break the match", strings.Join(paths, ", ")))
	}
	if len(p.Mapping) > 0 && p.Mapping[0].BuildID == "" {
		ws = append(ws, fmt.Sprintf("%s: no build ID: cannot check the profile comes from the program analysed", strings.Join(paths, ", ")))
	}
	return ws
}

// A frame is one function on a stack, at a line offset.
type frame struct {
	fn     *profile.Function
	offset int
}

// attribute spreads each sample's weight: flat to the innermost frame,
// cumulative to every distinct function and site on the stack, and to
// every call edge.
func (p *Profile) attribute(prof *profile.Profile, index int) {
	for _, s := range prof.Sample {
		w := s.Value[index]
		if w == 0 {
			continue
		}
		p.Total += w
		frames := expand(s)
		if len(frames) == 0 {
			continue
		}
		leaf := p.fn(frames[0].fn)
		leaf.Flat += w
		leaf.LineFlat[frames[0].offset] += w
		seenFn := map[string]bool{}
		seenSite := map[Site]bool{}
		seenEdge := map[[2]string]bool{}
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
			if i > 0 {
				callee := frames[i-1].fn.Name
				key := [2]string{fmt.Sprint(site), callee}
				if !seenEdge[key] {
					seenEdge[key] = true
					if p.edges[site] == nil {
						p.edges[site] = map[string]int64{}
					}
					p.edges[site][callee] += w
				}
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

// Func returns the weight of the named function (as Go names symbols:
// "pkg/path.(*T).Method"), or nil if the profile never saw it.
func (p *Profile) Func(name string) *Func { return p.funcs[name] }

// rankFuncs orders the functions, heaviest (cumulative) first, once.
func (p *Profile) rankFuncs() {
	p.sorted = make([]*Func, 0, len(p.funcs))
	for _, f := range p.funcs {
		p.sorted = append(p.sorted, f)
	}
	slices.SortFunc(p.sorted, func(a, b *Func) int {
		if a.Cum != b.Cum {
			return int(b.Cum - a.Cum)
		}
		return strings.Compare(a.Name, b.Name)
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

const asyncPreempt = "runtime.asyncPreempt"

// Callees returns the functions called from a site, each with its share
// of the site's calls, most called first.
//
// runtime.asyncPreempt is left out: it is where the scheduler interrupted
// the goroutine, not a call the program makes.
func (p *Profile) Callees(site Site) []Callee {
	var total int64
	for name, w := range p.edges[site] {
		if name != asyncPreempt {
			total += w
		}
	}
	var cs []Callee
	for name, w := range p.edges[site] {
		if name != asyncPreempt {
			cs = append(cs, Callee{Name: name, Share: float64(w) / float64(total)})
		}
	}
	slices.SortFunc(cs, func(a, b Callee) int {
		if a.Share != b.Share {
			if a.Share > b.Share {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return cs
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
