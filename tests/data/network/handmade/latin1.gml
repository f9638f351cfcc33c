Creator "casemap tests"
graph
[
  node
  [
    id 0
    label "Renée"
  ]
  node
  [
    id 1
    label "Zoë"
  ]
  node
  [
    id 2
    label "François"
  ]
  edge
  [
    source 0
    target 1
  ]
  edge
  [
    source 0
    target 2
  ]
]
