-- Argo CD health of a snapshotha.io VSphereEndpoint (no phase), from the Connected and HeartbeatHealthy conditions.
-- Runs after ../../common.lua (hs, condition, messageOf, generationPending).
if obj.status == nil then return hs end
local pending = generationPending()
if pending ~= nil then
  hs.message = pending
  return hs
end

local connected = condition("Connected")
local heartbeat = condition("HeartbeatHealthy")
if connected == nil or connected.status == "Unknown" then
  hs.message = messageOf(connected, "Connecting")
elseif connected.status == "False" then
  hs.status = "Degraded"
  hs.message = messageOf(connected, connected.reason or "Not connected")
elseif heartbeat ~= nil and heartbeat.status == "False" then
  hs.status = "Degraded"
  hs.message = messageOf(heartbeat, heartbeat.reason or "A host missed its heartbeats")
elseif heartbeat == nil or heartbeat.status == "Unknown" then
  hs.message = messageOf(heartbeat, "Waiting for the first heartbeats")
else
  hs.status = "Healthy"
  hs.message = messageOf(connected, "Connected")
end
return hs
