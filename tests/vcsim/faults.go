package main

import (
	"fmt"
	"strings"
	"sync"

	"github.com/vmware/govmomi/vim25/types"
)

// faultRule is one injected misbehaviour; see README.md "Fault rules".
type faultRule struct {
	ID         int    `json:"id"`
	Kind       string `json:"kind"`
	Method     string `json:"method,omitempty"`
	This       string `json:"this,omitempty"`
	Count      int    `json:"count"`
	Remaining  int    `json:"remaining"` // -1 = unlimited
	Fault      string `json:"fault,omitempty"`
	Message    string `json:"message,omitempty"`
	Ms         int    `json:"ms,omitempty"`
	Progress   int32  `json:"progress,omitempty"`
	AfterCalls int    `json:"afterCalls,omitempty"`
	Status     int    `json:"status,omitempty"`
	AfterBytes int64  `json:"afterBytes,omitempty"`
	Path       string `json:"path,omitempty"`

	fault types.BaseMethodFault
	calls map[string]int // terminateSession: matching calls per session cookie
}

const (
	kindSOAPFault        = "soapFault"
	kindTaskFault        = "taskFault"
	kindDelay            = "delay"
	kindDelayAnswer      = "delayAnswer"
	kindSlowTask         = "slowTask"
	kindTerminateSession = "terminateSession"
	kindHTTPStatus       = "httpStatus"
	kindDropDownload     = "dropDownload"
)

// faultBook holds the active rules.
type faultBook struct {
	mu    sync.Mutex
	next  int
	rules []*faultRule
}

// validate checks a rule from the control API and fills defaults.
func (r *faultRule) validate() error {
	switch r.Kind {
	case kindSOAPFault, kindTaskFault:
		f, err := newFault(r.Fault)
		if err != nil {
			return fmt.Errorf("fault: %w", err)
		}
		r.fault = f
	case kindDelay, kindDelayAnswer, kindSlowTask:
		if r.Ms <= 0 || r.Ms > 600000 {
			return fmt.Errorf("ms: must be 1..600000, got %d", r.Ms)
		}
		if r.Kind == kindSlowTask && r.Progress == 0 {
			r.Progress = 42
		}
		if r.Progress < 0 || r.Progress > 100 {
			return fmt.Errorf("progress: must be 0..100, got %d", r.Progress)
		}
	case kindTerminateSession:
		if r.AfterCalls < 1 {
			return fmt.Errorf("afterCalls: must be at least 1, got %d", r.AfterCalls)
		}
		r.calls = map[string]int{}
	case kindHTTPStatus:
		if r.Status < 100 || r.Status > 599 || r.Status == 200 {
			return fmt.Errorf("status: must be an HTTP status other than 200, got %d", r.Status)
		}
	case kindDropDownload:
		if r.AfterBytes < 0 {
			return fmt.Errorf("afterBytes: must not be negative, got %d", r.AfterBytes)
		}
	default:
		return fmt.Errorf("kind: unknown %q (soapFault, taskFault, delay, delayAnswer, slowTask, terminateSession, httpStatus, dropDownload)", r.Kind)
	}
	needsMethod := r.Kind == kindSOAPFault || r.Kind == kindTaskFault || r.Kind == kindDelay || r.Kind == kindDelayAnswer || r.Kind == kindSlowTask
	if r.Method == "" {
		if needsMethod {
			return fmt.Errorf("method: required for %s (a SOAP method name or *)", r.Kind)
		}
		r.Method = "*"
	}
	if r.Kind == kindTaskFault && r.Method != "*" && !strings.HasSuffix(r.Method, "_Task") {
		return fmt.Errorf("method: taskFault needs a *_Task method, got %q", r.Method)
	}
	switch {
	case r.Count < -1:
		return fmt.Errorf("count: must be -1 (unlimited) or more, got %d", r.Count)
	case r.Count == 0 && (r.Kind == kindDelay || r.Kind == kindDelayAnswer):
		r.Count = -1
	case r.Count == 0:
		r.Count = 1
	}
	r.Remaining = r.Count
	return nil
}

func (b *faultBook) add(r *faultRule) *faultRule {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	r.ID = b.next
	b.rules = append(b.rules, r)
	return r
}

func (b *faultBook) list() []faultRule {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := []faultRule{}
	for _, r := range b.rules {
		out = append(out, *r)
	}
	return out
}

func (b *faultBook) clear() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(b.rules)
	b.rules = nil
	return n
}

func (r *faultRule) matches(kind, method, this string) bool {
	return r.Kind == kind && r.Remaining != 0 && (r.Method == "*" || r.Method == method) && (r.This == "" || r.This == this)
}

// take consumes one firing of the first active rule of kind matching the call; nil if none.
func (b *faultBook) take(kind string, call soapCall) *faultRule {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.rules {
		if r.matches(kind, call.method, call.this.Value) {
			if r.Remaining > 0 {
				r.Remaining--
			}
			c := *r
			return &c
		}
	}
	return nil
}

// countCall advances terminateSession rules for the session; true when the session must be terminated now.
func (b *faultBook) countCall(call soapCall, session string) bool {
	if session == "" {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.rules {
		if !r.matches(kindTerminateSession, call.method, call.this.Value) {
			continue
		}
		r.calls[session]++
		if r.calls[session] >= r.AfterCalls {
			delete(r.calls, session)
			if r.Remaining > 0 {
				r.Remaining--
			}
			return true
		}
	}
	return false
}

// takeDownload consumes a dropDownload rule matching a /folder path.
func (b *faultBook) takeDownload(path string) *faultRule {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.rules {
		if r.Kind == kindDropDownload && r.Remaining != 0 && strings.Contains(path, r.Path) {
			if r.Remaining > 0 {
				r.Remaining--
			}
			c := *r
			return &c
		}
	}
	return nil
}
