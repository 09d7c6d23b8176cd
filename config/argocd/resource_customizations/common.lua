-- Helpers every snapshotha.io health script starts with. Argo CD runs each script on its own (no require), so
-- hack/lib/argocd-health.mjs puts this file in front of each <group>/<Kind>/health.lua, both in the tests and in
-- argocd-cm-health.yaml. Lua 5.1 base/table/string/math only, as in Argo CD's sandbox.
local hs = { status = "Progressing", message = "Waiting for the operator to report a status" }

-- The status condition of the given type, or nil.
local function condition(conditionType)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == conditionType then return c end
    end
  end
  return nil
end

-- The condition's message, or the fallback when the condition or its message is absent.
local function messageOf(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then return c.message end
  return fallback
end

-- A message when the operator has not yet observed the latest spec (status.observedGeneration behind), else nil.
local function generationPending()
  local generation = obj.metadata.generation
  local observed = obj.status.observedGeneration
  if generation ~= nil and (observed == nil or observed < generation) then
    return "Waiting for the operator to observe generation " .. generation
  end
  return nil
end
