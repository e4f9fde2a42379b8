/** Something to show on one element of a diagram: a small badge and/or a CSS class (a marker) on its shape. */
export interface DiagramAnnotation {
  elementId: string;
  badge?: string;
  marker?: string;
}
