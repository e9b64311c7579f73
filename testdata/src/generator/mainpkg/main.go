// Command mainpkg holds an exported channel generator in package main,
// which no other package can import: it is rewritten like an unexported
// one.
package main

import (
	"fmt"
	"strings"
)

// Upper sends the words of s in upper case.
func Upper(s string) <-chan string { // want `^channel generator Upper: .*; fix: return an iter\.Seq\[string\] .*$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range strings.Fields(s) {
			ch <- strings.ToUpper(w)
		}
	}()
	return ch
}

func shout(s string) string {
	var ws []string
	for w := range Upper(s) {
		ws = append(ws, w)
	}
	return strings.Join(ws, " ")
}

func main() {
	fmt.Println(shout("hello, world"))
}

// Deck is a type of package main with an exported generator method,
// which could implement an interface of another package: its fix is
// refused (with -generator.all only, so not reported here).
type Deck struct{ cards []string }

// Cards sends the cards.
func (d *Deck) Cards() <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, c := range d.cards {
			ch <- c
		}
	}()
	return ch
}

func count(d *Deck) int {
	n := 0
	for range d.Cards() {
		n++
	}
	return n
}
