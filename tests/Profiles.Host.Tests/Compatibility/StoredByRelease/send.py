import json, urllib.request, base64
URL="http://127.0.0.1:5191"
auth="Basic "+base64.b64encode(b"wk_test:").decode()
def post(batch):
    req=urllib.request.Request(URL+"/v1/batch", data=json.dumps({"batch":batch}).encode(), headers={"Content-Type":"application/json","Authorization":auth})
    with urllib.request.urlopen(req) as r: return json.loads(r.read())
ts=lambda d: f"2026-{d}T10:00:00Z"
b=[]
b.append({"type":"identify","userId":"ada","messageId":"ada-id","timestamp":ts("10-01"),"traits":{"email":"ada@example.com","address":{"city":"London","country":"UK"},"birthday":"1990-05-01"}})
for i in range(12):
    b.append({"type":"track","userId":"ada","event":"Order Completed","messageId":f"ada-o{i}","timestamp":ts(f"{1+i%11:02d}-{1+i:02d}"),"properties":{"order_id":f"o-{i}","revenue":50+i*10,"currency":"EUR"}})
b.append({"type":"track","userId":"ada","event":"Order Refunded","messageId":"ada-r1","timestamp":ts("11-20"),"properties":{"order_id":"o-3"}})
b.append({"type":"track","userId":"ada","event":"Survey Responded","messageId":"ada-s1","timestamp":ts("11-21"),"properties":{"csat":5,"nps":10}})
b.append({"type":"page","anonymousId":"visitor-1","messageId":"v-p1","timestamp":ts("11-22"),"name":"Pricing","context":{"sessionId":"s1"}})
b.append({"type":"track","anonymousId":"visitor-1","event":"Product Shared","messageId":"v-sh","timestamp":ts("11-22")})
print(post(b))
print(post([{"type":"identify","userId":"ada","anonymousId":"visitor-1","messageId":"link-1","timestamp":ts("11-23")}]))
b=[{"type":"track","userId":"grace","event":"Ticket Opened","messageId":"g-t1","timestamp":ts("11-01"),"properties":{"ticket_id":"t1"}},
   {"type":"track","userId":"grace","event":"Ticket Resolved","messageId":"g-t2","timestamp":ts("11-02"),"properties":{"ticket_id":"t1","sla_breached":True}},
   {"type":"track","userId":"grace","event":"Feedback Submitted","messageId":"g-f","timestamp":ts("11-03"),"properties":{"sentiment":"negative"}},
   {"type":"track","userId":"grace","event":"Order Completed","messageId":"g-o1","timestamp":ts("06-01"),"properties":{"order_id":"g1","revenue":1500}}]
print(post(b))
b=[{"type":"alias","userId":"grace","previousId":"grace-old","messageId":"al-1","timestamp":ts("11-04")}]
print(post(b))
hostile=["a/b","a_b","x#y?z%","q\\r","\u0001ctl","\u00a4cur","#"*256, "é"*300, "%2F"]
b=[]
for j,h in enumerate(hostile):
    b.append({"type":"track","userId":h,"event":"Order Completed","messageId":f"h-{j}","timestamp":ts("11-10"),"properties":{"order_id":f"h{j}","revenue":10+j}})
print(post(b))
# a big customer: state over 64 KiB (several binary columns)
b=[]
for i in range(900):
    b.append({"type":"track","userId":"big","event":"Order Completed","messageId":f"big-{i:04d}-"+"m"*60,"timestamp":f"2026-{1+i%11:02d}-{1+i%28:02d}T{i%24:02d}:00:00Z","properties":{"order_id":f"big-order-{i:04d}-"+"x"*40,"revenue":1+i%97}})
print(post(b))
