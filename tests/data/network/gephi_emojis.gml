graph
[
  node
  [
   id A
   label "✅"
  ]
]