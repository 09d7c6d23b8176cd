package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sort"
)

// diskInfo describes one VM disk for the ready line and /_sim/vms.
type diskInfo struct {
	Key           int32       `json:"key"`
	FileName      string      `json:"fileName"`
	Path          string      `json:"path"`
	CapacityBytes int64       `json:"capacityBytes"`
	Chain         []layerInfo `json:"chain,omitempty"`
}

type layerInfo struct {
	FileName   string `json:"fileName"`
	Path       string `json:"path"`
	ExtentPath string `json:"extentPath"`
	CreateType string `json:"createType"`
	CID        string `json:"cid"`
	ParentCID  string `json:"parentCid"`
}

type vmInfo struct {
	Name       string     `json:"name"`
	Moref      string     `json:"moref"`
	Host       string     `json:"host"`
	HostName   string     `json:"hostName"`
	VmxPath    string     `json:"vmxPath"`
	PowerState string     `json:"powerState,omitempty"`
	Disks      []diskInfo `json:"disks"`
	Snapshots  []snapInfo `json:"snapshots,omitempty"`
}

// snapInfo names the layers a snapshot froze (its disks' content at snapshot time).
type snapInfo struct {
	Moref string     `json:"moref"`
	Disks []diskInfo `json:"disks"`
}

// vmInfos lists every VM with its disks (with chains when withChain).
func (p *proxy) vmInfos(withChain bool) []vmInfo {
	st := p.sim.disks
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []vmInfo{}
	for _, vm := range p.sim.virtualMachines() {
		info := vmInfo{Name: vm.Name, Moref: vm.Self.Value, VmxPath: vm.Config.Files.VmPathName, Disks: []diskInfo{}}
		if h := hostOf(vm); h != nil {
			info.Host, info.HostName = h.Self.Value, h.Name
		}
		if withChain {
			info.PowerState = string(vm.Runtime.PowerState)
		}
		if v := st.vmState(vm.Self.Value); v != nil {
			for _, d := range v.disks {
				di := diskInfo{Key: d.key, FileName: d.top.dsPath(), Path: d.top.descPath(), CapacityBytes: d.capacity}
				if withChain {
					var chain []layerInfo
					for l := d.top; l != nil; l = l.parent {
						chain = append([]layerInfo{{FileName: l.dsPath(), Path: l.descPath(), ExtentPath: l.extentPath(),
							CreateType: l.desc.createType, CID: hex8(l.desc.cid), ParentCID: hex8(l.desc.parentCID)}}, chain...)
					}
					di.Chain = chain
				}
				info.Disks = append(info.Disks, di)
			}
			if withChain {
				info.Snapshots = snapshotInfos(v)
			}
		}
		out = append(out, info)
	}
	return out
}

func (p *proxy) controlWrite(r *http.Request) (interface{}, error) {
	var req struct {
		vmRequest
		Writes []guestWrite `json:"writes"`
		Echo   *bool        `json:"echo,omitempty"` // default true: answer with the written bytes
	}
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	if len(req.Writes) == 0 {
		return nil, badRequest("writes: at least one write is required")
	}
	vm, v, err := p.resolveVM(req.VM)
	if err != nil {
		return nil, err
	}
	disks, err := resolveDisks(v, req.Disk)
	if err != nil {
		return nil, err
	}
	echo := req.Echo == nil || *req.Echo
	type diskResult struct {
		Disk   int32          `json:"disk"`
		Layer  string         `json:"layer"`
		Writes []writtenRange `json:"writes"`
	}
	var results []diskResult
	for _, d := range disks {
		written, top, err := p.sim.disks.write(v, d, req.Writes, echo)
		if err != nil {
			return nil, badRequest("%v", err)
		}
		results = append(results, diskResult{Disk: d.key, Layer: top, Writes: written})
	}
	if err := p.sim.disks.refresh(vm); err != nil { // layoutEx file sizes grow with the delta
		return nil, err
	}
	return map[string]interface{}{"results": results}, nil
}

func (p *proxy) controlRead(r *http.Request) (interface{}, error) {
	var req struct {
		vmRequest
		Offset int64 `json:"offset"`
		Length int64 `json:"length"`
	}
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	_, v, err := p.resolveVM(req.VM)
	if err != nil {
		return nil, err
	}
	if len(req.Disk) == 0 {
		req.Disk = json.RawMessage("0")
	}
	disks, err := resolveDisks(v, req.Disk)
	if err != nil {
		return nil, err
	}
	data, err := p.sim.disks.read(disks[0], req.Offset, req.Length)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	sum := sha256.Sum256(data)
	return map[string]interface{}{"disk": disks[0].key, "offset": req.Offset, "length": len(data),
		"sha256": hex.EncodeToString(sum[:]), "data": data}, nil
}

// readyLine is the single JSON line printed when the launcher serves.
type readyLine struct {
	SdkURL         string   `json:"sdkUrl"`
	ControlURL     string   `json:"controlUrl"`
	Thumbprint     *string  `json:"thumbprint"`
	DatastoreDir   string   `json:"datastoreDir"`
	DatastoreName  string   `json:"datastoreName"`
	DatacenterPath string   `json:"datacenterPath"`
	Username       string   `json:"username"`
	Password       string   `json:"password"`
	Model          string   `json:"model"`
	VMs            []vmInfo `json:"vms"`
}

func (p *proxy) readyInfo() readyLine {
	base := p.baseURL()
	return readyLine{
		SdkURL: base + "/sdk", ControlURL: base + "/_sim", Thumbprint: p.thumbprint,
		DatastoreDir: p.sim.datastoreDir, DatastoreName: p.sim.datastoreName, DatacenterPath: p.sim.datacenter,
		Username: p.opts.username, Password: p.opts.password, Model: p.opts.model, VMs: p.vmInfos(false),
	}
}

func snapshotInfos(v *vmDisks) []snapInfo {
	var out []snapInfo
	for snap, layers := range v.frozen {
		si := snapInfo{Moref: snap}
		for _, d := range v.disks {
			if l := layers[d.key]; l != nil {
				si.Disks = append(si.Disks, diskInfo{Key: d.key, FileName: l.dsPath(), Path: l.descPath(), CapacityBytes: d.capacity})
			}
		}
		out = append(out, si)
	}
	sort.Slice(out, func(i, j int) bool { return morefLess(out[i].Moref, out[j].Moref) })
	return out
}
