package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"sync"

	"github.com/vmware/govmomi/vim25/types"
)

// pager adds what vcsim lacks: RetrievePropertiesEx honours options.maxObjects and answers a token, and
// ContinueRetrievePropertiesEx / CancelRetrievePropertiesEx page through (or drop) the remaining objects.
type pager struct {
	mu      sync.Mutex
	next    int
	pending map[string]pendingPage // token → what is left
}

type pendingPage struct {
	objects [][]byte // raw <objects> elements
	size    int
}

const maxPendingTokens = 1000

var maxObjectsPattern = regexp.MustCompile(`<(?:[\w-]+:)?maxObjects>\s*(\d+)\s*</(?:[\w-]+:)?maxObjects>`)

func newPager() *pager { return &pager{pending: map[string]pendingPage{}} }

// requestedPageSize returns options.maxObjects of a RetrievePropertiesEx request, 0 when absent.
func requestedPageSize(body []byte) int {
	m := maxObjectsPattern.FindSubmatch(body)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// page cuts a RetrievePropertiesEx answer to size objects, keeping the rest behind a token.
func (p *pager) page(answer []byte, size int) []byte {
	start, end, objects, err := splitObjects(answer)
	if err != nil || len(objects) <= size {
		return answer
	}
	token := p.store(objects[size:], size)
	var b bytes.Buffer
	b.Write(answer[:start])
	fmt.Fprintf(&b, "<token>%s</token>", token)
	for _, o := range objects[:size] {
		b.Write(o)
	}
	b.Write(answer[end:])
	return b.Bytes()
}

func (p *pager) store(objects [][]byte, size int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.pending) >= maxPendingTokens {
		for k := range p.pending { // drop an arbitrary old page rather than grow without bound
			delete(p.pending, k)
			break
		}
	}
	p.next++
	token := strconv.Itoa(p.next)
	own := make([][]byte, len(objects)) // the caller's buffer gets reused
	for i, o := range objects {
		own[i] = append([]byte(nil), o...)
	}
	p.pending[token] = pendingPage{objects: own, size: size}
	return token
}

// continueAnswer renders the next page for a token; false when the token is unknown.
func (p *pager) continueAnswer(token string) ([]byte, bool) {
	p.mu.Lock()
	page, ok := p.pending[token]
	delete(p.pending, token)
	p.mu.Unlock()
	if !ok {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteString(soapEnvelopeStart)
	b.WriteString(`<ContinueRetrievePropertiesExResponse xmlns="urn:vim25"><returnval>`)
	objects := page.objects
	if len(objects) > page.size {
		fmt.Fprintf(&b, "<token>%s</token>", p.store(objects[page.size:], page.size))
		objects = objects[:page.size]
	}
	for _, o := range objects {
		b.Write(o)
	}
	b.WriteString(`</returnval></ContinueRetrievePropertiesExResponse>`)
	b.WriteString(soapEnvelopeEnd)
	return b.Bytes(), true
}

func (p *pager) cancel(token string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.pending[token]
	delete(p.pending, token)
	return ok
}

// splitObjects finds the <objects> children of the answer's <returnval>: the byte range they span and each element.
func splitObjects(answer []byte) (int, int, [][]byte, error) {
	dec := xml.NewDecoder(bytes.NewReader(answer))
	depth, returnDepth := 0, -1
	start, end := -1, -1
	var objects [][]byte
	objStart := int64(-1)
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if returnDepth < 0 && t.Name.Local == "returnval" {
				returnDepth = depth
				start = int(dec.InputOffset())
			} else if returnDepth > 0 && depth == returnDepth+1 && t.Name.Local == "objects" {
				objStart = before
			}
		case xml.EndElement:
			if returnDepth > 0 && depth == returnDepth+1 && t.Name.Local == "objects" && objStart >= 0 {
				objects = append(objects, answer[objStart:dec.InputOffset()])
				objStart = -1
			}
			if depth == returnDepth {
				end = int(before)
				returnDepth = -2
			}
			depth--
		}
	}
	if start < 0 || end < start {
		return 0, 0, nil, fmt.Errorf("no returnval")
	}
	return start, end, objects, nil
}

// invalidToken is the fault for an unknown or used-up token.
func invalidToken() []byte {
	return soapFaultBody(&types.InvalidArgument{InvalidProperty: "token"}, "Invalid token")
}
