import { describe, expect, it } from "vitest";
import { bbox, isGeoJson } from "./geojson.ts";

const square = {
  type: "Polygon",
  coordinates: [
    [
      [127.1, 35.8],
      [127.2, 35.8],
      [127.2, 35.9],
      [127.1, 35.8],
    ],
  ],
};

const collection = (geometry: unknown, properties: unknown = { id: "d1", name: "완산구" }) => ({
  type: "FeatureCollection",
  features: [{ type: "Feature", properties, geometry }],
});

describe("a district file read as GeoJSON", () => {
  it("takes a collection of polygons, multipolygons and geometry collections", () => {
    expect(isGeoJson(collection(square))).toBe(true);
    expect(isGeoJson(collection({ type: "MultiPolygon", coordinates: [square.coordinates] }, null))).toBe(
      true,
    );
    expect(isGeoJson(collection({ type: "GeometryCollection", geometries: [square] }))).toBe(true);
    expect(isGeoJson({ type: "FeatureCollection", features: [] })).toBe(true);
  });

  it("refuses what is not one: another type, a feature without geometry, positions nested wrongly", () => {
    expect(isGeoJson(null)).toBe(false);
    expect(isGeoJson({ type: "Feature", geometry: square })).toBe(false);
    expect(isGeoJson(collection(null))).toBe(false);
    expect(isGeoJson(collection({ type: "Polygon", coordinates: square.coordinates[0] }))).toBe(false);
    expect(isGeoJson(collection({ type: "Point", coordinates: ["127", "35"] }))).toBe(false);
    expect(isGeoJson(collection({ type: "Circle", coordinates: [127, 35] }))).toBe(false);
    expect(isGeoJson(collection(square, "완산구"))).toBe(false);
  });

  it("bounds every position, inside geometry collections too", () => {
    const c = collection({
      type: "GeometryCollection",
      geometries: [square, { type: "Point", coordinates: [127.05, 35.95] }],
    });
    if (!isGeoJson(c)) throw new Error("not read");
    // west: the point's 127.05; south: the square's 35.8; east: the square's 127.2; north: the point's 35.95
    expect(bbox(c)).toEqual([127.05, 35.8, 127.2, 35.95]);
    expect(bbox({ type: "FeatureCollection", features: [] })).toBeNull();
  });
});
