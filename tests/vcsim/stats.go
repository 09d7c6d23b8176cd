package main

import "sync"

// callStats counts SOAP calls per method and /folder requests per HTTP method.
type callStats struct {
	mu     sync.Mutex
	total  int
	calls  map[string]int
	folder map[string]int
}

type statsView struct {
	Total  int            `json:"total"`
	Calls  map[string]int `json:"calls"`
	Folder map[string]int `json:"folder"`
}

func newCallStats() *callStats {
	return &callStats{calls: map[string]int{}, folder: map[string]int{}}
}

func (s *callStats) countSOAP(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total++
	s.calls[method]++
}

func (s *callStats) countFolder(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.folder[method]++
}

func (s *callStats) view() statsView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := statsView{Total: s.total, Calls: map[string]int{}, Folder: map[string]int{}}
	for k, n := range s.calls {
		v.Calls[k] = n
	}
	for k, n := range s.folder {
		v.Folder[k] = n
	}
	return v
}

func (s *callStats) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total = 0
	s.calls = map[string]int{}
	s.folder = map[string]int{}
}
