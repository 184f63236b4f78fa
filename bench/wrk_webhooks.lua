-- wrk script: POST pre-signed Aureus webhooks, every request a distinct event id.
--
--   wrk -t2 -c100 -d15s --latency -s bench/wrk_webhooks.lua http://127.0.0.1:8889 -- FILE 2
--
-- FILE (from `aureus-bench webhooks`) holds lines  path<TAB>headers<TAB>body, headers joined
-- by \x1f as "name: value". Each thread takes every nthreads-th line and pre-formats its
-- requests in init(), before wrk starts the clock. done() prints the 200 count, so the
-- bench can compare acknowledged with stored.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local reqs, n, i
-- Globals, not locals: done() reads them from each thread with t:get().
ok, other = 0, 0

function init(args)
   local path = args[1]
   local nthreads = tonumber(args[2] or "1")
   reqs, n, i = {}, 0, 0
   local line_no = 0
   local f = assert(io.open(path, "r"), "cannot open " .. path)
   for line in f:lines() do
      if line_no % nthreads == tid then
         local target, headers, body = line:match("^([^\t]+)\t([^\t]*)\t(.*)$")
         if target then
            local h = {}
            for pair in headers:gmatch("[^\31]+") do
               local name, value = pair:match("^([^:]+): (.*)$")
               if name then h[name] = value end
            end
            n = n + 1
            reqs[n] = wrk.format("POST", target, h, body)
         end
      end
      line_no = line_no + 1
   end
   f:close()
   assert(n > 0, "no requests loaded from " .. path)
end

function request()
   i = i + 1
   if i > n then i = 1 end
   return reqs[i]
end

function response(status, headers, body)
   if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
   local acked, failed = 0, 0
   for _, t in ipairs(threads) do
      acked = acked + t:get("ok")
      failed = failed + t:get("other")
   end
   io.write(string.format("acked_200=%d other=%d\n", acked, failed))
end
