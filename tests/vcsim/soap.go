package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
	vimxml "github.com/vmware/govmomi/vim25/xml"
)

// soapCall is what the proxy needs to know about a SOAP request: the method, its _this and its simple arguments.
type soapCall struct {
	method string
	this   types.ManagedObjectReference
	args   map[string]string // first-level child elements with text content
}

// parseSOAP reads the first element inside the SOAP Body.
func parseSOAP(body []byte) (soapCall, error) {
	call := soapCall{args: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(body))
	depth, bodyDepth, methodDepth := 0, -1, -1
	var field string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if call.method == "" {
				return call, fmt.Errorf("no SOAP method in the request body")
			}
			return call, nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case bodyDepth < 0 && t.Name.Local == "Body":
				bodyDepth = depth
			case bodyDepth >= 0 && methodDepth < 0 && depth == bodyDepth+1:
				call.method, methodDepth = t.Name.Local, depth
			case methodDepth >= 0 && depth == methodDepth+1:
				field = t.Name.Local
				text.Reset()
				if field == "_this" {
					for _, a := range t.Attr {
						if a.Name.Local == "type" {
							call.this.Type = a.Value
						}
					}
				}
			}
		case xml.CharData:
			if field != "" {
				text.Write(t)
			}
		case xml.EndElement:
			if methodDepth >= 0 && depth == methodDepth+1 && field != "" {
				value := strings.TrimSpace(text.String())
				if field == "_this" {
					call.this.Value = value
				} else if _, dup := call.args[field]; !dup {
					call.args[field] = value
				}
				field = ""
			}
			if depth == methodDepth {
				return call, nil
			}
			depth--
		}
	}
}

const soapEnvelopeStart = `<?xml version="1.0" encoding="UTF-8"?>` +
	`<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
	`xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>`
const soapEnvelopeEnd = `</soapenv:Body></soapenv:Envelope>`

// newFault instantiates a vim25 fault type by name, e.g. "TaskInProgress".
func newFault(name string) (types.BaseMethodFault, error) {
	t, ok := types.TypeFunc()(name)
	if !ok {
		return nil, fmt.Errorf("unknown vim25 fault type %q", name)
	}
	f, ok := reflect.New(t).Interface().(types.BaseMethodFault)
	if !ok {
		return nil, fmt.Errorf("%q is not a vim25 fault type", name)
	}
	return f, nil
}

// soapFaultBody renders an HTTP-500 SOAP fault whose detail is the given fault.
func soapFaultBody(fault types.BaseMethodFault, message string) []byte {
	name := reflect.TypeOf(fault).Elem().Name()
	if message == "" {
		message = fmt.Sprintf("Injected fault: %s", name)
	}
	var detail bytes.Buffer
	enc := vimxml.NewEncoder(&detail)
	start := vimxml.StartElement{
		Name: vimxml.Name{Local: name + "Fault"},
		Attr: []vimxml.Attr{{Name: vimxml.Name{Local: "xmlns"}, Value: "urn:vim25"}, {Name: vimxml.Name{Local: "xsi:type"}, Value: name}},
	}
	if err := enc.EncodeElement(fault, start); err != nil || enc.Flush() != nil {
		detail.Reset()
		fmt.Fprintf(&detail, `<%sFault xmlns="urn:vim25" xsi:type="%s"></%sFault>`, name, name, name)
	}
	var b bytes.Buffer
	b.WriteString(soapEnvelopeStart)
	b.WriteString(`<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>`)
	_ = xml.EscapeText(&b, []byte(message))
	b.WriteString(`</faultstring><detail>`)
	b.Write(detail.Bytes())
	b.WriteString(`</detail></soapenv:Fault>`)
	b.WriteString(soapEnvelopeEnd)
	return b.Bytes()
}

// taskResponseBody renders "<MethodResponse><returnval type="Task">task-N</returnval></MethodResponse>".
func taskResponseBody(method string, task types.ManagedObjectReference) []byte {
	return []byte(fmt.Sprintf(`%s<%sResponse xmlns="urn:vim25"><returnval type="Task">%s</returnval></%sResponse>%s`,
		soapEnvelopeStart, method, task.Value, method, soapEnvelopeEnd))
}

// runTask creates a vcsim Task for entity named after method and runs fn in it (synchronously).
func runTask(entity types.ManagedObjectReference, method string, fn func() (types.AnyType, types.BaseMethodFault)) types.ManagedObjectReference {
	id := strings.TrimSuffix(method, "_Task")
	if id != "" {
		id = strings.ToLower(id[:1]) + id[1:]
	}
	task := simulator.CreateTask(entity, id, func(*simulator.Task) (types.AnyType, types.BaseMethodFault) { return fn() })
	return task.Run()
}

// taskRefIn finds the Task moref in a "<returnval type="Task">task-N</returnval>" answer.
func taskRefIn(body []byte) (types.ManagedObjectReference, bool) {
	const marker = `type="Task">`
	i := bytes.Index(body, []byte(marker))
	if i < 0 {
		return types.ManagedObjectReference{}, false
	}
	rest := body[i+len(marker):]
	j := bytes.IndexByte(rest, '<')
	if j <= 0 {
		return types.ManagedObjectReference{}, false
	}
	return types.ManagedObjectReference{Type: "Task", Value: string(rest[:j])}, true
}

// findTask returns the vcsim Task object of a task moref.
func findTask(ref types.ManagedObjectReference) (*simulator.Task, bool) {
	t, ok := simulator.Map.Get(ref).(*simulator.Task)
	return t, ok
}
