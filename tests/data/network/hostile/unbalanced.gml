graph
[
  node
  [
    id 1
    label "Anne"
  ]
  node
  [
    id 2
    label "Bas"
  edge
  [
    source 1
    target 2
  ]
